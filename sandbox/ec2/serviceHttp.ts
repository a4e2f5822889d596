// HTTP plumbing shared by the emulator's services: reading a bounded request body, and the
// shape of a JSON 1.1 service (SSM) answered on the emulator's port beside EC2 and STS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from './faults';
import type { SigV4Scope } from './queryProtocol';
import type { Identity } from './state';

const MAX_BODY_BYTES = 1024 * 1024;

/** One JSON 1.1 request for a service that shares the emulator's port, with the emulator's faults. */
export interface JsonServiceRequest {
  target: string;
  body: string;
  scope: SigV4Scope | undefined;
  faults: FaultController;
  identity: Identity;
}

export type JsonServiceHandler = (request: JsonServiceRequest, res: ServerResponse) => Promise<void>;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
