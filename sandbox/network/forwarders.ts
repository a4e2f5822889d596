// TCP forwarders on the endpoint interfaces' loopback IPs: <ip>:5432 → Postgres and
// <ip>:6432 → PgBouncer, following the emulator as endpoints become available or go away.
// Each connection is checked against the VPC's rules for the sandbox's client; where AWS would
// drop the packets the forwarder accepts the connection and then stays silent (a black hole),
// so clients see what they see in a VPC: a timeout, not a refusal.
import { createConnection, createServer, Server, Socket } from 'node:net';
import type { SandboxEndpointView, SandboxInterfaceView } from '../ec2/types';
import { BoundedLog } from './boundedLog';
import { EdgeDirectory, edgeVerdict, relayThroughEdge } from './edgeRouting';
import { ClientHost, evaluateFlow, VpcRuleSource } from './vpcRules';

export interface ForwarderModel extends VpcRuleSource {
  endpoints(region?: string): SandboxEndpointView[];
  /** Calls `listener` after every state change; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface ForwardTarget {
  host: string;
  port: number;
}

export interface ConnectionDecision {
  at: string;
  ip: string;
  port: number;
  endpointId: string;
  /** The connecting address (an instance's IP for scripts run through SSM). */
  from?: string;
  allowed: boolean;
  reason?: string;
}

export interface ForwardersOptions {
  model: ForwarderModel;
  /** Listening port on each interface IP → where its bytes go. */
  targets: Record<number, ForwardTarget>;
  client: ClientHost;
  /** The machine behind a source address, when it is not the default client (see instanceClients.ts). */
  clientAt?: (remoteAddress: string | undefined) => ClientHost | undefined;
  /** Where listen failures are reported (default: stderr). */
  onError?: (message: string) => void;
  /** PlanetScale's edge: when set, an endpoint reaches only the branches of its own service. */
  edge?: EdgeDirectory;
}

interface Listener {
  ip: string;
  port: number;
  server: Server;
  sockets: Set<Socket>;
}

export class TcpForwarders {
  private readonly listeners = new Map<string, Listener>();
  private readonly suspended = new Set<string>();
  private suspendAll = false;
  private readonly problems: string[] = [];
  /** ip:port → why it is wanted but not listened on, as of the last reconcile. */
  private failures = new Map<string, string>();
  private readonly log = new BoundedLog<ConnectionDecision>();
  private client: ClientHost;
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: ForwardersOptions) {
    this.client = options.client;
  }

  /** Starts following the emulator; resolves once the current interfaces are listened on. */
  start(): Promise<void> {
    this.unsubscribe = this.options.model.onChange(() => void this.sync());
    return this.sync();
  }

  /** `ip:port` pairs listened on now. */
  listening(): string[] {
    return [...this.listeners.keys()].sort();
  }

  /** Listen-time problems (e.g. a port already taken), newest last. */
  errors(): string[] {
    return [...this.problems];
  }

  /** Interface ports that should be listened on but are not (each retried at the next change). */
  failing(): Array<{ address: string; message: string }> {
    return [...this.failures].map(([address, message]) => ({ address, message }));
  }

  /** Every connection's verdict so far (no payloads). */
  decisions(): ConnectionDecision[] {
    return this.log.snapshot();
  }

  /** Resolves once pending listen/close work is done (after a state change). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Closes the listeners of `ip` (or of all interfaces): "nothing listening" there. */
  suspend(ip?: string): Promise<void> {
    if (ip === undefined) this.suspendAll = true;
    else this.suspended.add(ip);
    return this.sync();
  }

  resume(ip?: string): Promise<void> {
    if (ip === undefined) {
      this.suspendAll = false;
      this.suspended.clear();
    } else {
      this.suspended.delete(ip);
    }
    return this.sync();
  }

  /** Changes the machine the VPC rules are evaluated for (applies to new connections). */
  setClient(client: ClientHost): void {
    this.client = client;
  }

  currentClient(): ClientHost {
    return this.client;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.sync();
  }

  private sync(): Promise<void> {
    this.queue = this.queue.then(() => this.reconcile()).catch((error) => this.report(String(error)));
    return this.queue;
  }

  private async reconcile(): Promise<void> {
    const wanted = new Map<string, { endpoint: SandboxEndpointView; iface: SandboxInterfaceView; port: number }>();
    if (!this.closed) {
      for (const endpoint of this.options.model.endpoints()) {
        if (endpoint.state.toLowerCase() !== 'available') continue;
        for (const iface of endpoint.interfaces) {
          if (this.suspendAll || this.suspended.has(iface.ip)) continue;
          for (const port of Object.keys(this.options.targets).map(Number)) {
            const key = `${iface.ip}:${port}`;
            if (!wanted.has(key)) wanted.set(key, { endpoint, iface, port });
          }
        }
      }
    }
    for (const [key, listener] of [...this.listeners]) {
      if (!wanted.has(key)) {
        this.listeners.delete(key);
        await closeListener(listener);
      }
    }
    const failures = new Map<string, string>();
    for (const [key, { iface, port }] of wanted) {
      if (this.listeners.has(key)) continue;
      try {
        this.listeners.set(key, await this.listen(iface.ip, port));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message = code === 'EADDRINUSE'
          ? `Sandbox forwarder cannot listen on ${key}: the port is already in use (another sandbox, or a local Postgres listening on all addresses?). Stop it and retry.`
          : `Sandbox forwarder cannot listen on ${key}: ${(error as Error).message}`;
        failures.set(key, message);
        this.report(message);
      }
    }
    this.failures = failures;
  }

  private listen(ip: string, port: number): Promise<Listener> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => this.accept(ip, port, socket, sockets));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: ip, port, exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (error) => this.report(`Sandbox forwarder on ${ip}:${port}: ${error.message}`));
        resolve({ ip, port, server, sockets });
      });
    });
  }

  private accept(ip: string, port: number, socket: Socket, sockets: Set<Socket>): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const located = this.locate(ip);
    const verdict = located
      ? evaluateFlow(this.options.model, { client: this.options.clientAt?.(socket.remoteAddress) ?? this.client, endpoint: located.endpoint, iface: located.iface, port, clientPort: socket.remotePort ?? 0 })
      : { allowed: false as const, reason: `no available endpoint interface has ${ip}` };
    this.log.push({
      at: new Date().toISOString(), ip, port, endpointId: located?.endpoint.endpointId ?? '', from: socket.remoteAddress, allowed: verdict.allowed,
      reason: verdict.allowed ? undefined : verdict.reason,
    });
    if (!verdict.allowed) {
      // A dropped packet: read and discard, never answer, never forward.
      socket.on('data', () => undefined);
      return;
    }
    const target = this.options.targets[port];
    const upstream = createConnection({ host: target.host, port: target.port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    const edge = this.options.edge;
    if (!edge || !located) {
      socket.pipe(upstream);
      upstream.pipe(socket);
      return;
    }
    relayThroughEdge(socket, upstream, (serverName) => edgeVerdict(edge, located.endpoint.serviceName, serverName), (reason) => {
      this.log.push({ at: new Date().toISOString(), ip, port, endpointId: located.endpoint.endpointId, allowed: false, reason });
    });
  }

  private locate(ip: string): { endpoint: SandboxEndpointView; iface: SandboxInterfaceView } | undefined {
    for (const endpoint of this.options.model.endpoints()) {
      if (endpoint.state.toLowerCase() !== 'available') continue;
      const iface = endpoint.interfaces.find((i) => i.ip === ip);
      if (iface) return { endpoint, iface };
    }
    return undefined;
  }

  private report(message: string): void {
    this.problems.push(message);
    (this.options.onError ?? ((m: string) => process.stderr.write(`${m}\n`)))(message);
  }
}

function closeListener(listener: Listener): Promise<void> {
  for (const socket of listener.sockets) socket.destroy();
  return new Promise((resolve) => listener.server.close(() => resolve()));
}
