// The one redactor of the extension: masking of secrets in anything we format for people (phase
// results, log lines, errors, diffs, webview state, reports). Pure: every bundle uses it.
// Two parts: the secrets registered at run time, in every form text may carry them, and shapes
// that are secret whatever their value (URL passwords, AWS key ids, tokens, credential_process
// output).

export const MASK = '••••••';

/** A function that replaces every known secret (and its encoded forms) in a text. */
export type Redactor = (text: string) => string;

export interface RedactorOptions {
  /** What replaces a secret; MASK by default. */
  mask?: string;
}

/**
 * Secrets shorter than this are masked only where they stand alone (not inside a longer word),
 * so a short password is still hidden in `user:pw@`, `password=pw` or `"pw"` without masking
 * every word that happens to contain it.
 */
export const MIN_LENGTH_ANYWHERE = 8;

/**
 * Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
 * Stricter than encodeURIComponent (which leaves ! ' ( ) * alone) so the result is safe inside any
 * quoting of a .env file and in every URL parser we write for.
 */
export function percentEncodeStrict(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Runs an encoder that may throw (a lone surrogate cannot be URI-encoded; the raw form remains). */
function tryForm(encode: () => string): string[] {
  try {
    return [encode()];
  } catch {
    return [];
  }
}

/** The forms a secret can take in text we format or quote: raw, URL-, form- and JSON-encoded. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set<string>([
    secret,
    json,
    // Serializers that escape everything outside ASCII (\u00e9) and HTML-safe ones (\u003c).
    json.replace(/[^\x20-\x7e]|[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    // JSON inside a JSON string (a logged request body, a webview state dump).
    JSON.stringify(json).slice(1, -1),
    ...tryForm(() => encodeURIComponent(secret)),
    ...tryForm(() => percentEncodeStrict(secret)),
    ...tryForm(() => encodeURI(secret)),
    // application/x-www-form-urlencoded: spaces as "+".
    ...tryForm(() => new URLSearchParams({ s: secret }).toString().slice(2)),
  ]);
  for (const form of [...forms]) if (form.includes('%20')) forms.add(form.replace(/%20/g, '+'));
  return [...forms].filter((form) => form.length > 0);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const caseless = (hex: string) => (/[a-f]/i.test(hex) ? `[${hex.toLowerCase()}${hex.toUpperCase()}]` : hex);

/** A pattern for one form: percent escapes in either case (%2F and %2f); short ones stand alone. */
function formPattern(form: string, secretLength: number): string {
  const pattern = escapeRegExp(form).replace(/%([0-9A-Fa-f])([0-9A-Fa-f])/g, (_m, a: string, b: string) => `%${caseless(a)}${caseless(b)}`);
  return secretLength < MIN_LENGTH_ANYWHERE ? `(?<![A-Za-z0-9])${pattern}(?![A-Za-z0-9])` : pattern;
}

/** One pattern for every form of every secret, longest first so a secret that contains another is masked whole. */
export function secretsPattern(secrets: ReadonlyArray<string | undefined>): RegExp | undefined {
  const entries = new Map<string, string>();
  for (const secret of new Set(secrets.filter((s): s is string => !!s))) {
    for (const form of secretForms(secret)) entries.set(form, formPattern(form, secret.length));
  }
  if (!entries.size) return undefined;
  const ordered = [...entries.entries()].sort((a, b) => b[0].length - a[0].length).map(([, pattern]) => pattern);
  return new RegExp(ordered.join('|'), 'g');
}

export function createRedactor(secrets: ReadonlyArray<string | undefined>, options: RedactorOptions = {}): Redactor {
  const mask = options.mask ?? MASK;
  const pattern = secretsPattern(secrets);
  return (text: string) => redactSecretShapes(pattern ? text.replace(pattern, mask) : text, mask);
}

/**
 * Masks the password part of any `scheme://user:password@` in a text, even one we were not told
 * about (a URL copied from an existing .env line, an error message quoting a connection string).
 */
export function redactUrlPasswords(text: string, mask = MASK): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"]*:)([^\s@/'"]+)@/gi, (_m, head: string) => `${head}${mask}@`);
}

/** AWS access key ids (AKIA long-term, ASIA temporary) and IAM unique ids (AROA role, AIDA user). */
const AWS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;

/** Text that is secret whatever its value, masked even when nobody registered it. */
export function redactSecretShapes(text: string, mask = MASK): string {
  return redactCredentialProcessOutput(redactUrlPasswords(text, mask), mask)
    .replace(AWS_KEY_ID, '$1****')
    .replace(/\bpscale_(tkn|pw|oauth)_[A-Za-z0-9_-]+/g, `pscale_$1_${mask}`)
    // `KEY=value`, `KEY: value`, `"Key": "value"`: the opening quote stays, the value goes.
    .replace(/(aws_secret_access_key|aws_session_token|PGPASSWORD|SecretAccessKey|SessionToken)("?\s*[=:]\s*)(["']?)[^\s"',}]+/gi, `$1$2$3${mask}`)
    .replace(/(\bpassword=)[^\s&'"#]+/gi, `$1${mask}`);
}

/**
 * A failed credential_process surfaces as child_process's "Command failed: <command>" followed by
 * what the process wrote to stderr, which may echo keys or tokens. The command stays (it is the
 * user's own configuration and says what to run in a terminal); its output does not. A stack
 * trace that follows (lines starting with "    at ") is kept.
 */
export function redactCredentialProcessOutput(text: string, mask = MASK): string {
  return text.replace(/(Command failed: [^\n]*)((?:\n(?! {4}at )[^\n]*)+)/g, (_m, head: string, output: string) =>
    output.trim() ? `${head}\n[output of the credential process hidden: ${mask}]` : head,
  );
}

/**
 * For text an AWS service wrote (an SDK error message echoed to the user): besides the secret
 * shapes, key ids whole, encoded authorization messages (they decode to the caller's policy
 * context) and any long opaque blob (session tokens, signatures).
 */
export function redactAwsServiceText(text: string, mask = '[redacted]'): string {
  const withoutOpaque = text
    .replace(/Encoded authorization failure message:\s*\S+/gi, `Encoded authorization failure message: ${mask}`)
    .replace(AWS_KEY_ID, '[redacted key id]')
    .replace(/[A-Za-z0-9+/=_-]{40,}/g, mask);
  return redactSecretShapes(withoutOpaque, mask);
}
