// The branch's public host in the sandbox: what PlanetScale's internet-facing endpoint does for a
// Postgres database, including its IP restrictions. It listens on one sandbox address that stands
// for a public internet address (ports 5432 → Postgres, 6432 → PgBouncer), terminates TLS with a
// certificate for the public host name from the sandbox CA (the same certificate Postgres uses, so
// SCRAM channel binding still matches), reads the StartupMessage, applies the database's rules to
// the client's public source address, and then either refuses the login with a FATAL
// ErrorResponse (SQLSTATE 28000, before any password exchange) or replays the startup to the
// server over TLS and pipes the rest untouched.
import { readFileSync } from 'node:fs';
import { createConnection, createServer, Server, Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, TLSSocket } from 'node:tls';
import { BoundedLog } from '../network/boundedLog';
import type { StoredIpRestriction } from '../planetscale/ipRestrictionRules';
import { decideConnection } from '../planetscale/ipRestrictionRules';
import {
  CANCEL_REQUEST_CODE, fatalError, GSSENC_REQUEST_CODE, packetCode, PROTOCOL_3, readPacket, SSL_REQUEST_CODE, startupParameters,
} from './pgWire';

export interface PublicHostTarget {
  host: string;
  port: number;
}

export interface PublicHostGateOptions {
  /** The sandbox address that stands for the public host's internet address. */
  ip: string;
  /** Listening port → server (5432 → Postgres, 6432 → PgBouncer). */
  targets: Record<number, PublicHostTarget>;
  certFile: string;
  keyFile: string;
  /** PEM of the sandbox CA, to verify the server behind the gate. */
  ca: string;
  /** The IP restriction rules of the database that owns this branch id (undefined: unknown branch). */
  rulesForBranch(branchId: string): StoredIpRestriction[] | undefined;
  /** The public address PlanetScale would see for a client (the sandbox's client machine). */
  sourceAddress(): string;
}

export interface PublicConnectionDecision {
  at: string;
  port: number;
  source: string;
  user: string;
  allowed: boolean;
  reason?: string;
}

export class PublicHostGate {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly log = new BoundedLog<PublicConnectionDecision>();
  private readonly context;

  constructor(private readonly options: PublicHostGateOptions) {
    this.context = createSecureContext({ cert: readFileSync(options.certFile), key: readFileSync(options.keyFile) });
  }

  async start(): Promise<void> {
    for (const port of Object.keys(this.options.targets).map(Number)) {
      const server = createServer((socket) => void this.accept(port, socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: this.options.ip, port, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.servers.push(server);
    }
  }

  /** Every login decision so far (no passwords, no payloads). */
  decisions(): PublicConnectionDecision[] {
    return this.log.snapshot();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.servers.length = 0;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private async accept(port: number, socket: Socket): Promise<void> {
    this.track(socket);
    try {
      let first = await readPacket(socket);
      while (first && packetCode(first) === GSSENC_REQUEST_CODE) {
        socket.write('N');
        first = await readPacket(socket);
      }
      if (!first) return void socket.destroy();
      const code = packetCode(first);
      if (code === CANCEL_REQUEST_CODE) return this.pipePlain(port, socket, first);
      if (code !== SSL_REQUEST_CODE) {
        // PlanetScale accepts only TLS connections.
        socket.end(fatalError('28000', 'SSL/TLS is required: connect with sslmode=require or stricter'));
        return;
      }
      socket.write('S');
      const secured = new TLSSocket(socket, { isServer: true, secureContext: this.context });
      this.track(secured);
      const startup = await readPacket(secured);
      if (!startup || packetCode(startup) !== PROTOCOL_3) return void secured.destroy();
      const user = startupParameters(startup).user ?? '';
      const dot = user.lastIndexOf('.');
      const rules = dot > 0 ? this.options.rulesForBranch(user.slice(dot + 1)) : undefined;
      const source = this.options.sourceAddress();
      const verdict = rules ? decideConnection(rules, source, user.slice(0, dot)) : { allowed: true as const };
      this.log.push({ at: new Date().toISOString(), port, source, user, allowed: verdict.allowed, ...(verdict.allowed ? {} : { reason: verdict.reason }) });
      if (!verdict.allowed) {
        secured.end(fatalError('28000', verdict.reason));
        return;
      }
      const upstream = await this.connectUpstream(port);
      upstream.write(startup);
      secured.pipe(upstream);
      upstream.pipe(secured);
      secured.on('close', () => upstream.destroy());
      upstream.on('close', () => secured.destroy());
      secured.resume();
    } catch {
      socket.destroy();
    }
  }

  private async connectUpstream(port: number): Promise<TLSSocket> {
    const target = this.options.targets[port];
    const raw = createConnection({ host: target.host, port: target.port });
    this.track(raw);
    await new Promise<void>((resolve, reject) => {
      raw.once('connect', () => resolve());
      raw.once('error', reject);
    });
    raw.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]));
    const answer = await new Promise<string>((resolve) => raw.once('data', (d: Buffer) => resolve(d.toString('latin1', 0, 1))));
    if (answer !== 'S') throw new Error('the sandbox server refused TLS');
    const secured = tlsConnect({ socket: raw, ca: this.options.ca, servername: 'localhost' });
    this.track(secured);
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', () => resolve());
      secured.once('error', reject);
    });
    return secured;
  }

  private async pipePlain(port: number, socket: Socket, first: Buffer): Promise<void> {
    const target = this.options.targets[port];
    const upstream = createConnection({ host: target.host, port: target.port });
    this.track(upstream);
    upstream.write(first);
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.resume();
  }
}
