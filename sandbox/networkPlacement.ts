// Two sandboxes on one machine (the demo and a test run, or parallel test files) would both put
// their endpoint forwarders on 127.10.1.10:5432. Each sandbox therefore takes the first block of
// 127.x networks whose addresses are free, shifting every loopback CIDR and IP of its seed.
import { createServer, type Server } from 'node:net';
import type { Ec2Seed } from './ec2';
import { loadSeed } from './ec2/seed';

/** Second-octet shifts tried in order; the seed uses 127.10–127.20, bulk seeding 127.128/9. */
const SHIFTS = [0, 30, 60, 90];

/** The seed with every `127.A.` address moved to `127.(A+shift).`. */
export function shiftSeed(seed: Ec2Seed, shift: number): Ec2Seed {
  if (!shift) return seed;
  const text = JSON.stringify(seed).replace(/"127\.(\d{1,3})\./g, (_m, a: string) => `"127.${Number(a) + shift}.`);
  return JSON.parse(text) as Ec2Seed;
}

/** A listener that claims a block for this sandbox's lifetime; undefined when taken. */
function claim(host: string, port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', () => resolve(undefined));
    server.listen({ host, port, exclusive: true }, () => resolve(server));
  });
}

/** The lowest seeded second octet, e.g. 10 for the default seed. */
function baseOctet(seed: Ec2Seed): number | undefined {
  const octets = [...JSON.stringify(seed).matchAll(/"127\.(\d{1,3})\./g)].map((m) => Number(m[1]));
  return octets.length ? Math.min(...octets) : undefined;
}

export interface Placement {
  seed: Ec2Seed;
  shift: number;
  /** An address of the block that no subnet covers: the sandbox's stand-in for the public hosts' internet address. */
  publicHostIp: string;
  /** Releases the block (call on stop). */
  release(): Promise<void>;
}

/**
 * The seed placed in the first block no other sandbox holds. A sandbox holds its block by
 * listening on `127.<base>.255.254` (never an interface address: no subnet covers it) for its
 * whole life, even before any endpoint exists. Falls back to the seed as given.
 */
export async function placeSeed(seed: Ec2Seed | string | undefined, port: number): Promise<Placement> {
  const loaded = loadSeed(seed);
  const base = baseOctet(loaded);
  for (const shift of base === undefined ? [] : SHIFTS) {
    const server = await claim(`127.${base! + shift}.255.254`, port);
    if (server) return { seed: shiftSeed(loaded, shift), shift, publicHostIp: `127.${base! + shift}.255.253`, release: () => new Promise((r) => server.close(() => r())) };
  }
  return { seed: loaded, shift: 0, publicHostIp: '127.255.255.253', release: async () => undefined };
}
