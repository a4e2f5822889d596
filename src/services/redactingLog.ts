import type * as vscode from 'vscode';

type Redact = (text: string) => string;

/** The LogOutputChannel members that write text; each argument of theirs passes the redactor. */
const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * The output channel every module logs to, with every line passed through the extension's one
 * redactor first: a secret registered at any time is masked in whatever is logged after, even by
 * code that forgot to redact.
 */
export function redactingLog(channel: vscode.LogOutputChannel, redact: Redact): vscode.LogOutputChannel {
  const clean = (value: unknown): unknown =>
    typeof value === 'string' ? redact(value) : value instanceof Error ? redact(value.stack ?? `${value.name}: ${value.message}`) : value;
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && WRITERS.has(property)) {
        return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args.map(clean));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
