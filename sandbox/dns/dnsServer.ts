// The sandbox's DNS server on loopback (UDP and TCP on one port), standing in for the VPC's
// resolver. It never forwards a query anywhere: names it does not know are NXDOMAIN.
import dns2 from 'dns2';
import type { SandboxEndpointView } from '../ec2/types';
import { BoundedLog } from '../network/boundedLog';
import { normalizeName, privateDnsAnswer, ResolverVpc } from './privateDnsAnswers';

export interface DnsModel {
  endpoints(region?: string): SandboxEndpointView[];
}

export interface DnsQueryRecord {
  name: string;
  type: number;
  answer: string[] | 'NXDOMAIN' | 'NODATA';
}

export interface SandboxDnsServer {
  host: string;
  port: number;
  /** `host:port`, the form of the `dns.server` setting. */
  address: string;
  /** Answer `name` with `ips` regardless of the endpoints (an empty list: NXDOMAIN); null removes. */
  setOverride(name: string, ips: string[] | null): void;
  /** The VPC the resolver answers for (default: the application instance's). */
  setVpc(vpc: ResolverVpc): void;
  queries(): DnsQueryRecord[];
  close(): Promise<void>;
}

export interface DnsServerOptions {
  model: DnsModel;
  vpc: ResolverVpc;
  host?: string;
  /** Names with fixed A records (e.g. the public hosts), answered whatever the VPC. */
  records?: Record<string, string[]>;
  /** Fixed port; absent: a free one (the same number for UDP and TCP). */
  port?: number;
  ttl?: number;
  /** Overrides shared with other resolvers of the sandbox (the VPC resolvers of SSM nodes). */
  overrides?: Map<string, string[]>;
}

const TYPE_A = 1;
const RCODE_NXDOMAIN = 3;

interface Question { name: string; type: number; class: number }
interface Request { header: { id: number }; questions: Question[] }
interface Response {
  header: { rcode: number; aa: number; ra: number };
  answers: Array<{ name: string; type: number; class: number; ttl: number; address: string }>;
}
type Send = (response: Response) => unknown;

export async function startDnsServer(options: DnsServerOptions): Promise<SandboxDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const ttl = options.ttl ?? 60;
  const overrides = options.overrides ?? new Map<string, string[]>();
  const fixed = new Map(Object.entries(options.records ?? {}).map(([name, ips]) => [normalizeName(name), [...ips]]));
  const log = new BoundedLog<DnsQueryRecord>();
  let vpc = options.vpc;

  const handle = (request: Request, send: Send) => {
    const response = dns2.Packet.createResponseFromRequest(request as never) as unknown as Response;
    response.header.ra = 1;
    const question = request.questions[0];
    if (question) {
      const name = normalizeName(question.name);
      const ips = overrides.has(name) ? overrides.get(name) : (fixed.get(name) ?? privateDnsAnswer(options.model.endpoints(), vpc, name));
      if (!ips || ips.length === 0) {
        response.header.rcode = RCODE_NXDOMAIN;
        log.push({ name, type: question.type, answer: 'NXDOMAIN' });
      } else if (question.type === TYPE_A) {
        response.answers = ips.map((address) => ({ name: question.name, type: TYPE_A, class: 1, ttl, address }));
        log.push({ name, type: question.type, answer: ips });
      } else {
        // The name exists but has only A records (NOERROR, no answers), as Route 53 answers AAAA.
        log.push({ name, type: question.type, answer: 'NODATA' });
      }
    }
    void Promise.resolve(send(response)).catch(() => undefined);
  };

  const { udp, tcp, port } = await listenBoth(host, options.port, handle);
  return {
    host,
    port,
    address: `${host}:${port}`,
    setOverride(name, ips) {
      if (ips === null) overrides.delete(normalizeName(name));
      else overrides.set(normalizeName(name), [...ips]);
    },
    setVpc(next) {
      vpc = next;
    },
    queries: () => log.snapshot(),
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => {
          tcp.close(() => resolve());
          // dns2 keeps idle TCP connections for a while; end them so close() completes now.
          tcp.emit('sandbox-close');
        }),
      ]);
    },
  };
}

type UdpServer = ReturnType<typeof dns2.createUDPServer>;
type TcpServer = ReturnType<typeof dns2.createTCPServer>;

async function listenBoth(host: string, fixedPort: number | undefined, handle: (request: Request, send: Send) => void):
  Promise<{ udp: UdpServer; tcp: TcpServer; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dns2.createUDPServer(handle as never);
    udp.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(fixedPort ?? 0, host, () => resolve());
      });
    } catch (error) {
      udp.close();
      throw new Error(`Sandbox DNS cannot listen on udp ${host}:${fixedPort ?? 0}: ${(error as Error).message}`);
    }
    const port = udp.address().port;
    const tcp = dns2.createTCPServer(handle as never);
    const sockets = new Set<import('node:net').Socket>();
    tcp.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    tcp.on('sandbox-close', () => sockets.forEach((socket) => socket.destroy()));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ host, port, exclusive: true }, () => resolve());
      });
      tcp.on('error', () => undefined);
      return { udp, tcp, port };
    } catch (error) {
      lastError = error;
      udp.close();
      if (fixedPort !== undefined) break;
    }
  }
  throw new Error(`Sandbox DNS cannot listen on tcp ${host}: ${(lastError as Error)?.message ?? 'no free port'}`);
}
