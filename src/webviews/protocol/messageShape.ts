// Small readers for checking the shape of a message that came from a webview. A webview is a web
// page: whatever it posts is untrusted input, so each field is read with its expected type and a
// size bound, and a new object is built from the fields that passed (nothing else travels on).

/** Thrown by the readers; the message names the field and what was wrong with it. */
export class MessageShapeError extends Error {
  override readonly name = 'MessageShapeError';
}

/** Bounds generous enough for anything a user types, small enough to refuse junk. */
export const MAX_STRING = 2048;
export const MAX_LIST = 64;

export type Fields = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): Fields {
  if (!isRecord(value)) throw new MessageShapeError(`${path} must be an object`);
  return value;
}

export function string(fields: Fields, key: string, path = key, max = MAX_STRING): string {
  const value = fields[key];
  if (typeof value !== 'string') throw new MessageShapeError(`${path} must be a string, got ${describe(value)}`);
  if (value.length > max) throw new MessageShapeError(`${path} is longer than ${max} characters`);
  return value;
}

export function optionalString(fields: Fields, key: string, path = key, max = MAX_STRING): string | undefined {
  return fields[key] === undefined ? undefined : string(fields, key, path, max);
}

export function boolean(fields: Fields, key: string, path = key): boolean {
  const value = fields[key];
  if (typeof value !== 'boolean') throw new MessageShapeError(`${path} must be true or false, got ${describe(value)}`);
  return value;
}

export function stringList(fields: Fields, key: string, path = key, maxItems = MAX_LIST, maxLength = MAX_STRING): string[] {
  const value = fields[key];
  if (!Array.isArray(value)) throw new MessageShapeError(`${path} must be a list of strings, got ${describe(value)}`);
  if (value.length > maxItems) throw new MessageShapeError(`${path} has more than ${maxItems} entries`);
  return value.map((item, i) => {
    if (typeof item !== 'string') throw new MessageShapeError(`${path}[${i}] must be a string, got ${describe(item)}`);
    if (item.length > maxLength) throw new MessageShapeError(`${path}[${i}] is longer than ${maxLength} characters`);
    return item;
  });
}

export function oneOf<T extends string>(fields: Fields, key: string, allowed: readonly T[], path = key): T {
  const value = fields[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MessageShapeError(`${path} must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** Request ids are positive safe integers chosen by the webview. */
export function requestId(fields: Fields): number {
  const value = fields.requestId;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new MessageShapeError(`requestId must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

/** The request id of a message, if it has a usable one, so a refusal can still be answered. */
export function requestIdOf(value: unknown): number | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.requestId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A short, value-free description for messages and logs (never echoes what was sent). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export type Parsed<M> = { ok: true; message: M } | { ok: false; reason: string; requestId?: number };

/**
 * Accepts a message only when its `type` has a reader and the reader finds every field as the
 * protocol declares it; the reason names the type and the field otherwise.
 */
export function parseWithReaders<M>(raw: unknown, readers: Readonly<Record<string, (fields: Fields) => M>>): Parsed<M> {
  if (!isRecord(raw)) return { ok: false, reason: `a message must be an object, got ${describe(raw)}` };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(readers, type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : describe(type);
    return { ok: false, reason: `unknown message type ${shown}`, requestId: requestIdOf(raw) };
  }
  try {
    return { ok: true, message: readers[type](raw) };
  } catch (err) {
    if (err instanceof MessageShapeError) return { ok: false, reason: `${type}: ${err.message}`, requestId: requestIdOf(raw) };
    throw err;
  }
}
