// Quoting for the command lines the extension shows, exports and runs (POSIX shells: bash, sh,
// zsh). One place, so every builder quotes every value — ids and names that came from AWS too —
// and a script variable is passed on only when the caller says it is one.

/** A variable of a generated script (e.g. SG_ID), written as "$SG_ID" after an optional quoted prefix. */
export interface ShellVariable {
  readonly shellVariable: string;
  readonly prefix?: string;
}

/** The name is the script's own, never data; the prefix is data and gets quoted. */
export function shellVariable(name: string, prefix?: string): ShellVariable {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`not a shell variable name: ${name}`);
  return prefix ? { shellVariable: name, prefix } : { shellVariable: name };
}

/** A value, or a reference to a script variable. */
export type ShellWord = string | ShellVariable;

// Bare only when no POSIX shell (nor zsh) gives any character a meaning; a leading `=` is zsh's
// command-path expansion, `~` is tilde expansion.
const BARE = /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./:=@%+,-]*$/;

/** One shell word: bare when safe, otherwise single-quoted (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
  if (BARE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function shellWord(word: ShellWord): string {
  if (typeof word === 'string') return shellQuote(word);
  const prefix = word.prefix ?? '';
  // A safe prefix shares the double quotes ("abc-$SG_ID"); any other is quoted on its own and the
  // adjacent parts still make one word ('a b-'"$SG_ID").
  return BARE.test(prefix) || prefix === '' ? `"${prefix}$${word.shellVariable}"` : `${shellQuote(prefix)}"$${word.shellVariable}"`;
}

/** A command line whose every word is quoted: `shellCommand(['aws', 'ec2', …])`. */
export function shellCommand(words: readonly ShellWord[]): string {
  return words.map(shellWord).join(' ');
}

/** Text for a `# …` comment line (shell or HCL): a line break in a name would end the comment and start code. */
export function lineComment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
