// The public half of the sandbox's PlanetScale: each Postgres region's public host name
// (`us-east-1.pg.psdb.cloud`, a role's `access_host_url`) answers, through the sandbox DNS, with
// one sandbox address that stands for an internet address, and the gate there enforces the
// database's IP restriction rules. Clients reach it from "the internet": PlanetScale sees the
// sandbox client's public address (`clientPublicIp`, a documentation address used only as data),
// never the loopback address the socket really comes from. Connections through an endpoint do not
// pass here: they arrive from PlanetScale's internal private network (see README).
import type { PlanetScaleApi } from '../planetscale';
import { PublicConnectionDecision, PublicHostGate, PublicHostTarget } from './publicHostGate';

export type { PublicConnectionDecision };

/** The address PlanetScale sees for the sandbox's client machine on the internet, by default. */
export const DEFAULT_CLIENT_PUBLIC_IP = '203.0.113.50';

export interface PublicAccess {
  /** The sandbox address of every public host. */
  ip: string;
  /** Public host names answered by the sandbox DNS. */
  hosts: string[];
  /** The source address the rules are applied to for connections through the public host. */
  clientPublicIp(): string;
  setClientPublicIp(ip: string): void;
  decisions(): PublicConnectionDecision[];
  close(): Promise<void>;
}

export interface PublicAccessOptions {
  ip: string;
  hosts: string[];
  planetscale: Pick<PlanetScaleApi, 'databaseOfBranch'>;
  targets: Record<number, PublicHostTarget>;
  certFile: string;
  keyFile: string;
  ca: string;
  clientPublicIp?: string;
}

export async function startPublicAccess(options: PublicAccessOptions): Promise<PublicAccess> {
  let clientIp = options.clientPublicIp ?? DEFAULT_CLIENT_PUBLIC_IP;
  const gate = new PublicHostGate({
    ip: options.ip,
    targets: options.targets,
    certFile: options.certFile,
    keyFile: options.keyFile,
    ca: options.ca,
    rulesForBranch: (branchId) => options.planetscale.databaseOfBranch(branchId)?.ipRestrictions,
    sourceAddress: () => clientIp,
  });
  await gate.start();
  return {
    ip: options.ip,
    hosts: [...options.hosts],
    clientPublicIp: () => clientIp,
    setClientPublicIp(ip) {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw new Error(`setClientPublicIp: "${ip}" is not an IPv4 address.`);
      clientIp = ip;
    },
    decisions: () => gate.decisions(),
    close: () => gate.close(),
  };
}
