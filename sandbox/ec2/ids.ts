// Resource ids shaped like real EC2 ones ("vpc-" + 17 hex digits). Seeded resources get ids
// derived from their names, so they are stable from run to run; created ones are random.
import { createHash, randomBytes } from 'node:crypto';

export function randomId(prefix: string, hexLength = 17): string {
  return `${prefix}-${randomBytes(Math.ceil(hexLength / 2)).toString('hex').slice(0, hexLength)}`;
}

export function stableId(prefix: string, key: string, hexLength = 17): string {
  return `${prefix}-${createHash('sha256').update(`${prefix}|${key}`).digest('hex').slice(0, hexLength)}`;
}

export function randomMac(): string {
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0] & 0xfe) | 0x02; // locally administered, unicast, as AWS's 0x0e/0x12 prefixes are
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function requestId(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The id's resource kind by prefix, as EC2 reads it ("vpc", "subnet", "sg", "vpce", ...). */
export function idPrefix(id: string): string {
  const m = /^([a-z]+(?:-svc)?)-[0-9a-f]+$/.exec(id);
  return m ? m[1] : '';
}
