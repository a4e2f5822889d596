// How to write a value in .env so that every common reader gets the same string back.
// The readers and their rules (checked against dotenv 18, dotenv-expand 1000, bash/dash, and
// Docker's documented env-file syntax):
// - dotenv: unquoted values end at `#`; '…' and `…` are verbatim; "…" turns \n and \r into
//   line breaks. A closing quote must be followed only by spaces or a comment.
// - dotenv-expand: expands $NAME, ${…} and runs $(…) whatever the quotes (it only sees dotenv's
//   output), and turns \$ into $. Single quotes do NOT protect a `$` from it.
// - POSIX shell `source`: '…' is verbatim (no ' inside); "…" expands $, ` and \; unquoted
//   values split on spaces and treat ; & | < > ( ) as syntax; backticks run commands.
// - Docker Compose: '…' is literal except \' ; "…" and unquoted values interpolate $NAME/${…}
//   ($$ is one $) and "…" honours backslash escapes.
// So: bare when the value is plain, else single quotes, else double quotes when nothing in the
// value is special there; backticks never (a shell would run the value).

export type QuoteStyle = 'bare' | 'single' | 'double';
import { InputError } from '../errors/userFacingError';

export interface ReaderAgreement {
  dotenv: boolean;
  dotenvExpand: boolean;
  compose: boolean;
  shell: boolean;
}

export interface QuotedValue {
  /** The text to put after `KEY=`. */
  text: string;
  style: QuoteStyle;
  /** Which readers read back exactly the value. */
  readers: ReaderAgreement;
}

export class EnvValueError extends InputError {
  constructor(readonly key: string, message: string) {
    super(key, message);
    this.name = 'EnvValueError';
  }
}

const BARE_SAFE = /^[A-Za-z0-9_.\/:@%+,=-]*$/;

/** dotenv-expand changes the value ($NAME, ${…}, $(…), \$, or an encrypted: value). */
export function dotenvExpandChanges(value: string): boolean {
  return /\\\$|\$[A-Za-z_]|\$\{[^{}]+\}|\$\([^)]*\)/.test(value) || value.startsWith('encrypted:');
}

export function readersFor(style: QuoteStyle, value: string): ReaderAgreement {
  const expandOk = !dotenvExpandChanges(value);
  switch (style) {
    case 'bare': {
      const ok = BARE_SAFE.test(value);
      return { dotenv: ok, dotenvExpand: ok && expandOk, compose: ok, shell: ok };
    }
    case 'single': {
      // dotenv and Compose read \' as an escaped quote: a trailing backslash would swallow the closing one.
      const ok = !/['\r\n]/.test(value);
      const closes = !value.endsWith('\\');
      return { dotenv: ok && closes, dotenvExpand: ok && closes && expandOk, compose: ok && closes, shell: ok };
    }
    case 'double': {
      const ok = !/["\r\n]/.test(value);
      const noBackslashEscapes = !/\\[nr]/.test(value) && !value.endsWith('\\');
      return {
        dotenv: ok && noBackslashEscapes,
        dotenvExpand: ok && noBackslashEscapes && expandOk,
        compose: ok && !/[$\\]/.test(value),
        shell: ok && !/[$`\\]/.test(value),
      };
    }
  }
}

function wrap(style: QuoteStyle, value: string): string {
  if (style === 'single') return `'${value}'`;
  if (style === 'double') return `"${value}"`;
  return value;
}

const allAgree = (r: ReaderAgreement) => r.dotenv && r.dotenvExpand && r.compose && r.shell;

/**
 * The quoting for one value. Prefers a form every reader agrees on; otherwise the form dotenv and a
 * shell both read exactly (the caller reports the other readers). Throws EnvValueError when no
 * form is safe for dotenv and a shell together.
 */
export function quoteEnvValue(key: string, value: string): QuotedValue {
  if (/[\r\n\0]/.test(value)) {
    throw new EnvValueError(key, `The value of ${key} contains a line break or NUL character, which .env files cannot carry portably.`);
  }
  const styles: QuoteStyle[] = ['bare', 'single', 'double'];
  const candidates = styles.map((style) => ({ style, readers: readersFor(style, value) }));
  const best = candidates.find((c) => allAgree(c.readers)) ?? candidates.find((c) => c.readers.dotenv && c.readers.shell);
  if (!best) {
    throw new EnvValueError(
      key,
      `The value of ${key} ends with a backslash, or contains a single quote together with one of " $ \` \\, so no quoting reads the same in dotenv and a shell. Use a URL variable (credentials are percent-encoded there) or reset the role's password.`,
    );
  }
  return { text: wrap(best.style, value), style: best.style, readers: best.readers };
}

/** The readers that would read something else, for a warning ("dotenv-expand, Docker Compose"). */
export function disagreeingReaders(readers: ReaderAgreement): string[] {
  const names: Array<[keyof ReaderAgreement, string]> = [
    ['dotenv', 'dotenv'], ['dotenvExpand', 'dotenv-expand'], ['compose', 'Docker Compose'], ['shell', 'a shell\'s source'],
  ];
  return names.filter(([k]) => !readers[k]).map(([, name]) => name);
}
