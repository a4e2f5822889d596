// A small line diff of a .env edit for the preview, with secret values masked.
import { MASK, createRedactor, redactUrlPasswords } from '../connection/redact';
import { EnvLine, parseEnvFile } from './dotenvParse';

export interface RenderDiffOptions {
  /** Keys whose values are shown masked (URLs keep everything but the password). */
  secretKeys?: readonly string[];
  /** Strings masked wherever they appear (the password itself). */
  secrets?: readonly string[];
  /** Unchanged lines shown around each change. */
  context?: number;
  /** Name shown in the header lines. */
  fileName?: string;
}

type Op = { kind: ' ' | '-' | '+'; line: EnvLine; oldNo?: number; newNo?: number };

/** Unified-style diff text ("--- a/.env", "@@ -3,2 +3,3 @@", "-KEY=…", "+KEY=…"); '' when equal. */
export function renderDiff(oldText: string, newText: string, options: RenderDiffOptions = {}): string {
  if (oldText === newText) return '';
  const before = parseEnvFile(oldText).lines;
  const after = parseEnvFile(newText).lines;
  const ops = diffLines(before, after);
  const secretKeys = new Set(options.secretKeys ?? []);
  const redact = createRedactor(options.secrets ?? []);
  const show = (line: EnvLine) => displayLine(line, secretKeys, redact);
  const context = options.context ?? 2;
  const name = options.fileName ?? '.env';
  const out = [`--- a/${name}`, `+++ b/${name}`];

  // Hunks: each change with `context` lines either side, overlapping ranges merged.
  const ranges: Array<[number, number]> = [];
  ops.forEach((op, i) => {
    if (op.kind === ' ') return;
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length, i + context + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  for (const [from, to] of ranges) {
    const hunk = ops.slice(from, to);
    const oldStart = hunk.find((o) => o.oldNo !== undefined)?.oldNo ?? 0;
    const newStart = hunk.find((o) => o.newNo !== undefined)?.newNo ?? 0;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${show(op.line)}`);
  }
  return out.join('\n');
}

function displayLine(line: EnvLine, secretKeys: Set<string>, redact: (s: string) => string): string {
  let text = line.text;
  const entry = line.entry;
  if (entry && secretKeys.has(entry.key)) {
    const masked = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(entry.value) ? redactUrlPasswords(entry.rawValue) : maskQuoted(entry.quote);
    text = entry.prefix + masked + entry.suffix;
  }
  return redact(text).replace(/\r\n|\n|\r/g, '⏎');
}

function maskQuoted(quote: string): string {
  return quote ? `${quote}${MASK}${quote}` : MASK;
}

/** Longest-common-subsequence line diff; .env files are small enough for the quadratic table. */
function diffLines(a: EnvLine[], b: EnvLine[]): Op[] {
  const same = (x: EnvLine, y: EnvLine) => x.text === y.text && x.eol === y.eol;
  // Trim the common head and tail first: most edits touch a few lines.
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = same(am[i], bm[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: ' ', line: a[k], oldNo: k + 1, newNo: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(am[i], bm[j])) {
      ops.push({ kind: ' ', line: am[i], oldNo: head + i + 1, newNo: head + j + 1 });
      i++;
      j++;
    } else if (j < m && (i >= n || table[i][j + 1] >= table[i + 1][j])) {
      ops.push({ kind: '+', line: bm[j], newNo: head + j + 1 });
      j++;
    } else {
      ops.push({ kind: '-', line: am[i], oldNo: head + i + 1 });
      i++;
    }
  }
  for (let k = tail; k > 0; k--) {
    ops.push({ kind: ' ', line: a[a.length - k], oldNo: a.length - k + 1, newNo: b.length - k + 1 });
  }
  return reorderRemovalsFirst(ops);
}

/** Within a run of changes, show removals before additions (easier to read as a replacement). */
function reorderRemovalsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}
