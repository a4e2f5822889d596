// What every tool returns: compact text for the model, plus the same facts as JSON where a caller
// can use them. Everything passes the extension's redactor first, so no password, token or key
// reaches the chat even when an error message carried one.
import * as vscode from 'vscode';

export type Redact = (text: string) => string;

/** A result of one text part and, when given, one JSON part; both redacted. */
export function toolResult(redact: Redact, text: string, json?: unknown): vscode.LanguageModelToolResult {
  const parts: Array<vscode.LanguageModelTextPart | vscode.LanguageModelDataPart> = [new vscode.LanguageModelTextPart(redact(text))];
  if (json !== undefined) parts.push(vscode.LanguageModelDataPart.json(redactJson(json, redact)));
  return new vscode.LanguageModelToolResult(parts);
}

/** A copy of a JSON-like value with every string redacted. */
export function redactJson<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactJson(v, redact)])) as T;
  }
  return value;
}
