// Masking of secrets in anything we format for people: phase results, log lines, errors, diffs.
// Pure: the main bundle uses it too.

export const MASK = '••••••';

/** A function that replaces every known secret (and its URL-encoded forms) in a text. */
export type Redactor = (text: string) => string;

/** The forms a password can take in text we format: as typed, percent-encoded in a URL. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), percentEncodeStrict(secret)]);
  try {
    forms.add(encodeURI(secret));
  } catch {
    // A lone surrogate cannot be URI-encoded; the raw form is still masked.
  }
  return [...forms].filter((form) => form.length > 0);
}

/**
 * Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
 * Stricter than encodeURIComponent (which leaves ! ' ( ) * alone) so the result is safe inside any
 * quoting of a .env file and in every URL parser we write for.
 */
export function percentEncodeStrict(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const forms = [...new Set(secrets.filter((s): s is string => !!s).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const form of forms) out = out.split(form).join(MASK);
    return redactUrlPasswords(out);
  };
}

/**
 * Masks the password part of any `scheme://user:password@` in a text, even one we were not told
 * about (a URL copied from an existing .env line, an error message quoting a connection string).
 */
export function redactUrlPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"]*:)([^\s@/'"]+)@/gi, (_m, head: string) => `${head}${MASK}@`);
}
