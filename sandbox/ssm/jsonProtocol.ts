// The AWS JSON 1.1 protocol as Systems Manager speaks it: `X-Amz-Target: AmazonSSM.<Op>`, a JSON
// body with the model's member names, timestamps as epoch seconds, and errors as
// `{ "__type": "<Code>", "message": "…" }` with a 4xx status.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export const SSM_TARGET_PREFIX = 'AmazonSSM';

export class SsmError extends Error {
  constructor(readonly code: string, message: string, readonly status = code === 'InternalServerError' ? 500 : 400) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

export function parseJsonBody(body: string): Json {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new SsmError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SsmError('SerializationException', 'The request body must be a JSON object.');
  return value as Json;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: SsmError): void {
  sendJson(res, error.status, { __type: error.code, message: error.message });
}

/** A "1 validation error detected" ValidationException, worded as the service words it. */
export function validationError(member: string, value: unknown, constraint: string): SsmError {
  return new SsmError('ValidationException', `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function optionalString(json: Json, key: string): string | undefined {
  const value = json[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SsmError('SerializationException', `${key} must be a string.`);
  return value;
}

export function requiredString(json: Json, key: string): string {
  const value = optionalString(json, key);
  if (value === undefined || value === '') throw validationError(lowerFirst(key), 'null', 'Member must not be null');
  return value;
}

export function optionalNumber(json: Json, key: string): number | undefined {
  const value = json[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new SsmError('SerializationException', `${key} must be an integer.`);
  return value;
}

export function stringList(json: Json, key: string): string[] | undefined {
  const value = json[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new SsmError('SerializationException', `${key} must be a list of strings.`);
  return value as string[];
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Epoch seconds with milliseconds, the JSON 1.1 timestamp form. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Opaque page tokens bound to the operation that issued them. */
export function encodeToken(offset: number, operation: string): string {
  return Buffer.from(JSON.stringify({ o: offset, op: operation })).toString('base64url');
}

export function decodeToken(token: string | undefined, operation: string): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; op?: unknown };
    if (typeof parsed.o === 'number' && parsed.op === operation) return parsed.o;
  } catch {
    // answered below
  }
  throw new SsmError('InvalidNextToken', 'The specified token isn\'t valid.');
}

export function page<T>(items: T[], operation: string, json: Json, limits: { min: number; max: number; default: number }): { items: T[]; NextToken?: string } {
  const asked = optionalNumber(json, 'MaxResults');
  if (asked !== undefined && (asked < limits.min || asked > limits.max)) {
    throw validationError('maxResults', asked, `Member must have value ${asked < limits.min ? `greater than or equal to ${limits.min}` : `less than or equal to ${limits.max}`}`);
  }
  const size = asked ?? limits.default;
  const offset = decodeToken(optionalString(json, 'NextToken'), operation);
  const slice = items.slice(offset, offset + size);
  return { items: slice, ...(offset + size < items.length ? { NextToken: encodeToken(offset + size, operation) } : {}) };
}
