// Plans the edit of a .env file: our keys replaced in place (every occurrence), new keys added as
// one group under a comment, our own stale keys removed on request, every other byte untouched.
import { EnvFile, EnvLine, parseEnvFile, serializeEnvFile } from './dotenvParse';
import { disagreeingReaders, quoteEnvValue } from './dotenvQuote';
import { InputError } from '../errors/userFacingError';

export interface EnvVar {
  key: string;
  value: string;
  /** Masked in changes and previews. */
  secret?: boolean;
}

export type EnvChangeKind = 'add' | 'replace' | 'unchanged' | 'remove';

export interface EnvChange {
  key: string;
  kind: EnvChangeKind;
  secret: boolean;
  /** The value the application reads today; omitted for secrets. */
  oldValue?: string;
  /** How many assignments of the key the file held (duplicates are all rewritten). */
  occurrences: number;
}

export interface EnvEditWarning {
  key: string;
  message: string;
}

export interface EnvEditPlan {
  newText: string;
  changes: EnvChange[];
  warnings: EnvEditWarning[];
  /** False when newText equals the input byte for byte. */
  changed: boolean;
}

export interface PlanEnvEditOptions {
  /** Keys this extension wrote before; those not in `vars` are removed. */
  managedKeys?: readonly string[];
  /** Comment above a new group of keys, without the leading '# '. */
  header?: string;
  /**
   * Recognises a header comment this extension wrote (the whole line, `# …`): when the keys under
   * it change, it is rewritten to `header`, so it never names another branch than the values.
   */
  isOwnHeader?: (commentLine: string) => boolean;
}

export class EnvEditError extends InputError {
  constructor(readonly key: string, message: string) {
    super(key, message);
    this.name = 'EnvEditError';
  }
}

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function planEnvEdit(text: string, vars: readonly EnvVar[], options: PlanEnvEditOptions = {}): EnvEditPlan {
  validateVars(vars);
  const file = parseEnvFile(text);
  const hadFinalNewline = file.lines.length === 0 || file.lines[file.lines.length - 1].eol !== '';
  const wanted = new Set(vars.map((v) => v.key));
  const stale = new Set((options.managedKeys ?? []).filter((k) => !wanted.has(k)));
  const changes: EnvChange[] = [];
  const warnings: EnvEditWarning[] = [];

  // Our keys and our stale keys mark where the group lives, for keys added later.
  const groupKeys = new Set([...wanted, ...stale]);
  let anchor = lastIndexWhere(file.lines, (l) => !!l.entry && groupKeys.has(l.entry.key));

  const quoted = new Map(vars.map((v) => {
    const q = quoteEnvValue(v.key, v.value);
    const others = disagreeingReaders(q.readers);
    if (others.length) warnings.push({ key: v.key, message: readerWarning(v.key, v.value, others) });
    return [v.key, q.text] as const;
  }));

  const toAdd: EnvVar[] = [];
  for (const v of vars) {
    const indexes = file.lines.flatMap((l, i) => (l.entry?.key === v.key ? [i] : []));
    const secret = !!v.secret;
    if (indexes.length === 0) {
      toAdd.push(v);
      changes.push({ key: v.key, kind: 'add', secret, occurrences: 0 });
      continue;
    }
    const current = file.lines[indexes[indexes.length - 1]].entry!.value;
    const oldValue = secret ? {} : { oldValue: current };
    if (indexes.every((i) => file.lines[i].entry!.value === v.value)) {
      changes.push({ key: v.key, kind: 'unchanged', secret, occurrences: indexes.length, ...oldValue });
      continue;
    }
    for (const i of indexes) file.lines[i] = withValue(file.lines[i], quoted.get(v.key)!);
    changes.push({ key: v.key, kind: 'replace', secret, occurrences: indexes.length, ...oldValue });
    if (indexes.length > 1) {
      warnings.push({ key: v.key, message: `${v.key} was assigned ${indexes.length} times in the file; every assignment now holds the new value.` });
    }
  }

  for (const key of stale) {
    const count = file.lines.filter((l) => l.entry?.key === key).length;
    if (count === 0) continue;
    changes.push({ key, kind: 'remove', secret: true, occurrences: count });
  }
  if (changes.some((c) => c.kind === 'remove')) {
    const removed = new Set(changes.filter((c) => c.kind === 'remove').map((c) => c.key));
    const kept: EnvLine[] = [];
    let newAnchor = -1;
    file.lines.forEach((line, i) => {
      if (line.entry && removed.has(line.entry.key)) {
        if (i <= anchor) newAnchor = kept.length - 1;
        return;
      }
      if (i <= anchor) newAnchor = kept.length;
      kept.push(line);
    });
    file.lines = kept;
    anchor = newAnchor;
  }

  if (toAdd.length) insertGroup(file, toAdd, quoted, anchor, options.header);
  if (options.header && options.isOwnHeader && changes.some((c) => c.kind !== 'unchanged')) {
    renewOwnHeaders(file, groupKeys, options.header, options.isOwnHeader);
  }
  restoreFinalNewline(file, hadFinalNewline);

  const newText = serializeEnvFile(file);
  return { newText, changes, warnings, changed: newText !== text };
}

function validateVars(vars: readonly EnvVar[]): void {
  const seen = new Set<string>();
  for (const v of vars) {
    if (!KEY_PATTERN.test(v.key)) {
      throw new EnvEditError(v.key, `"${v.key}" is not a valid variable name: use letters, digits and _, not starting with a digit.`);
    }
    if (seen.has(v.key)) throw new EnvEditError(v.key, `${v.key} is given twice: each variable needs its own name.`);
    seen.add(v.key);
  }
}

function readerWarning(key: string, value: string, readers: string[]): string {
  const why = /\$\(/.test(value)
    ? 'it contains $( which dotenv-expand runs as a command'
    : /\$[A-Za-z_{]|\\\$/.test(value)
      ? 'it contains $ followed by a name, which dotenv-expand expands whatever the quotes'
      : 'of the characters it contains';
  return `${readers.join(' and ')} would read ${key} differently because ${why}. If the application loads .env that way, prefer a URL variable (its credentials are percent-encoded) or reset the password.`;
}

/** The line with a new value text, keeping what was before and after the value. */
function withValue(line: EnvLine, valueText: string): EnvLine {
  const entry = line.entry!;
  // `KEY='v'#c` is a comment for dotenv but part of the value for a shell: keep a space before #.
  const suffix = entry.suffix.startsWith('#') ? ` ${entry.suffix}` : entry.suffix;
  return { kind: 'entry', text: entry.prefix + valueText + suffix, eol: line.eol, entry: { ...entry, rawValue: valueText, suffix } };
}

function insertGroup(file: EnvFile, vars: EnvVar[], quoted: Map<string, string>, anchor: number, header: string | undefined): void {
  const entries = file.lines.filter((l) => l.entry);
  const exportStyle = entries.length > 0 && entries.filter((l) => l.entry!.exported).length * 2 > entries.length;
  const newLines: EnvLine[] = vars.map((v) => ({ kind: 'entry', text: `${exportStyle ? 'export ' : ''}${v.key}=${quoted.get(v.key)!}`, eol: file.eol }));
  if (anchor >= 0) {
    // Beside the keys of ours that are already there.
    if (file.lines[anchor].eol === '') file.lines[anchor] = { ...file.lines[anchor], eol: file.eol };
    file.lines.splice(anchor + 1, 0, ...newLines);
    return;
  }
  const block: EnvLine[] = [];
  const last = file.lines[file.lines.length - 1];
  if (last) {
    if (last.eol === '') file.lines[file.lines.length - 1] = { ...last, eol: file.eol };
    if (last.kind !== 'blank') block.push({ kind: 'blank', text: '', eol: file.eol });
  }
  if (header) block.push({ kind: 'comment', text: headerLine(header), eol: file.eol });
  file.lines.push(...block, ...newLines);
}

/** Our header comment directly above one of our keys gets the new text; its line ending stays. */
function renewOwnHeaders(file: EnvFile, groupKeys: Set<string>, header: string, isOwnHeader: (line: string) => boolean): void {
  const text = headerLine(header);
  file.lines.forEach((line, i) => {
    const next = file.lines[i + 1];
    // Lines added by this plan carry no parsed entry: their key is at the start of the text.
    const nextKey = next?.entry?.key ?? (next?.kind === 'entry' ? /^(?:export )?(\w+)=/.exec(next.text)?.[1] : undefined);
    if (line.kind !== 'comment' || !nextKey || !groupKeys.has(nextKey)) return;
    if (line.text !== text && isOwnHeader(line.text)) file.lines[i] = { ...line, text };
  });
}

function headerLine(header: string): string {
  return `# ${header.replace(/[\r\n]+/g, ' ')}`;
}

function restoreFinalNewline(file: EnvFile, finalNewline: boolean): void {
  const i = file.lines.length - 1;
  if (i < 0) return;
  const eol = finalNewline ? (file.lines[i].eol || file.eol) : '';
  file.lines[i] = { ...file.lines[i], eol };
}

function lastIndexWhere<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}
