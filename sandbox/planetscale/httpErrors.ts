// The stand-in's HTTP error type and the request helpers its routes share.
import type { IncomingMessage } from 'node:http';
import type { Access, ServiceToken } from './tokens';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found, or this service token cannot see it.`);

export function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, 'method_not_allowed', `Method ${method} is not allowed here; use ${expected}.`);
}

export function need(token: ServiceToken, access: Access): void {
  if (!token.accesses.includes(access)) {
    throw new HttpError(403, 'forbidden', `This service token lacks the "${access}" access. Grant it to the token in the organization's service token settings.`);
  }
}

/** Any one of `accesses` will do (e.g. listing databases: any database-level access). */
export function needAny(token: ServiceToken, accesses: Access[]): void {
  if (!accesses.some((a) => token.accesses.includes(a))) need(token, accesses[0]);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413, 'invalid_params', 'The request body is larger than 64 KiB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(422, 'invalid_params', 'The request body is not valid JSON.');
  }
}
