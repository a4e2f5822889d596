// A .env file as lines that serialize back to the exact same bytes: BOM, line endings (per line),
// comments, blank lines, `export ` prefixes, quote styles and a missing final newline all survive.
// Values are read the way dotenv reads them, so "is this key already set to this value?" has
// the answer the application will see.

export type LineKind = 'blank' | 'comment' | 'entry' | 'other';

export interface EnvEntry {
  key: string;
  /** Everything before the value: indentation, `export `, the key, the separator. */
  prefix: string;
  /** The value as written, quotes included. */
  rawValue: string;
  /** Everything after the value on its (last) line: spaces and an inline comment. */
  suffix: string;
  /** The value as dotenv reads it. */
  value: string;
  quote: '' | "'" | '"' | '`';
  exported: boolean;
}

export interface EnvLine {
  kind: LineKind;
  /** The line without its line ending; a multi-line quoted value keeps its inner line breaks. */
  text: string;
  /** '\n', '\r\n', '\r', or '' for a last line without one. */
  eol: string;
  entry?: EnvEntry;
}

export interface EnvFile {
  bom: boolean;
  lines: EnvLine[];
  /** The most common line ending, for lines we add ('\n' for an empty file; '\r' for old Mac files). */
  eol: '\n' | '\r\n' | '\r';
}

const ENTRY_HEAD = /^(\s*)(export\s+)?([\w.-]+)(\s*=\s*|:\s+)/;

interface PhysicalLine {
  text: string;
  eol: string;
}

function splitPhysical(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function parseEnvFile(text: string): EnvFile {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const physical = splitPhysical(body);
  const lines: EnvLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const { text: lineText, eol } = physical[i];
    if (lineText.trim() === '') {
      lines.push({ kind: 'blank', text: lineText, eol });
      continue;
    }
    if (/^\s*#/.test(lineText)) {
      lines.push({ kind: 'comment', text: lineText, eol });
      continue;
    }
    const head = lineText.match(ENTRY_HEAD);
    if (!head) {
      lines.push({ kind: 'other', text: lineText, eol });
      continue;
    }
    const prefix = head[0];
    const rest = lineText.slice(prefix.length);
    const open = rest.match(/^\s*(['"`])/);
    if (open) {
      // A quoted value may run over following lines up to its closing quote (dotenv reads it so).
      let remaining = rest + eol;
      for (let j = i + 1; j < physical.length; j++) remaining += physical[j].text + physical[j].eol;
      const valueStart = rest.indexOf(open[1]);
      const closed = findClosingQuote(remaining, open[1], valueStart + 1);
      if (closed) {
        const extraLines = (remaining.slice(0, closed.end).match(/\r\n|\n|\r/g) ?? []).length;
        const lastLine = i + extraLines;
        let joined = rest;
        for (let j = i + 1; j <= lastLine; j++) joined += physical[j - 1].eol + physical[j].text;
        const quote = open[1] as EnvEntry['quote'];
        const rawValue = joined.slice(valueStart, closed.end);
        let inner = rawValue.slice(1, -1).replace(/\r\n?/g, '\n'); // dotenv normalises line breaks first
        if (quote === '"') inner = inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
        const entry: EnvEntry = {
          key: head[3], prefix: prefix + rest.slice(0, valueStart), rawValue, suffix: joined.slice(closed.end),
          value: inner, quote, exported: !!head[2],
        };
        lines.push({ kind: 'entry', text: prefix + joined, eol: physical[lastLine].eol, entry });
        i = lastLine;
        continue;
      }
      // No closing quote anywhere: dotenv falls back to an unquoted value on this line.
    }
    const hash = rest.indexOf('#');
    const valuePart = hash === -1 ? rest : rest.slice(0, hash);
    const leading = valuePart.length - valuePart.trimStart().length;
    const trimmed = valuePart.trim();
    // dotenv still strips matching outer quotes and expands \n after a leading " here.
    let value = trimmed.replace(/^(['"`])([\s\S]*)\1$/, '$2');
    if (trimmed.startsWith('"')) value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    const entry: EnvEntry = {
      key: head[3], prefix: prefix + rest.slice(0, leading), rawValue: trimmed,
      suffix: rest.slice(leading + trimmed.length), value, quote: '', exported: !!head[2],
    };
    lines.push({ kind: 'entry', text: lineText, eol, entry });
  }
  return { bom, lines, eol: dominantEol(physical) };
}

/**
 * The closing quote that ends a value, as dotenv's /'(?:\\'|[^'])*'/ finds it: greedily the first
 * unescaped quote, else (backtracking) the quote of an earlier \' — whichever is followed only by
 * spaces and an optional comment up to the end of its line.
 */
function findClosingQuote(text: string, quote: string, from: number): { end: number } | undefined {
  const candidates: number[] = [];
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      candidates.push(++i);
      continue;
    }
    if (text[i] === quote) {
      candidates.push(i);
      break;
    }
  }
  for (let k = candidates.length - 1; k >= 0; k--) {
    const at = candidates[k];
    const after = text.slice(at + 1).split(/\r\n|\n|\r/)[0];
    if (/^\s*(#.*)?$/.test(after)) return { end: at + 1 };
  }
  return undefined;
}

function dominantEol(lines: PhysicalLine[]): EnvFile['eol'] {
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (const l of lines) if (l.eol) counts[l.eol as EnvFile['eol']]++;
  // Ties go to \n, then \r\n: what most tools write.
  if (counts['\r'] > counts['\n'] && counts['\r'] > counts['\r\n']) return '\r';
  return counts['\r\n'] > counts['\n'] ? '\r\n' : '\n';
}

export function serializeEnvFile(file: EnvFile): string {
  return (file.bom ? '\uFEFF' : '') + file.lines.map((l) => l.text + l.eol).join('');
}

/** The values dotenv would read: the last assignment of a key wins. */
export function envValues(file: EnvFile): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of file.lines) if (line.entry) values.set(line.entry.key, line.entry.value);
  return values;
}
