// PlanetScale's edge behind an endpoint service: it routes each connection by the TLS server name
// (SNI) of the ClientHello, and an endpoint service of one region serves only that region's
// branches. So a client that reaches the us-east-1 endpoint with an eu-west-1 branch's host is
// refused during the TLS handshake, as it would be at PlanetScale. Postgres negotiates TLS in-band
// (SSLRequest, then the ClientHello), so the relay forwards the SSLRequest, lets the server's 'S'
// through, and holds the client's bytes until the ClientHello is complete and the name is known.
import type { Socket } from 'node:net';

export interface EdgeDirectory {
  /** The Private Service Name serving a branch's private host, or undefined for no branch. */
  serviceNameForHost(host: string): string | undefined;
}

export type EdgeVerdict = { allowed: true } | { allowed: false; reason: string };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const TLS_HANDSHAKE = 0x16;
const MAX_HELD_BYTES = 64 * 1024;
/** A fatal TLS alert "unrecognized_name" (112), what a TLS front end sends for a name it does not serve. */
const UNRECOGNIZED_NAME_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70]);

/**
 * Refuses a branch of another service. A name no branch has passes on: the edge's wildcard
 * certificate and the login then decide, as at PlanetScale (a two-label name fails the check).
 */
export function edgeVerdict(directory: EdgeDirectory, endpointServiceName: string, serverName: string | undefined): EdgeVerdict {
  if (!serverName) return { allowed: false, reason: 'edge: the TLS ClientHello names no server (SNI), so no branch can be chosen' };
  const served = directory.serviceNameForHost(serverName);
  if (served && served !== endpointServiceName) {
    return { allowed: false, reason: `edge: ${serverName} is served by ${served}, not by this endpoint's service ${endpointServiceName}` };
  }
  return { allowed: true };
}

export type ClientHelloRead = { complete: false } | { complete: true; serverName?: string } | { malformed: string };

/** Reads the server_name of a TLS ClientHello record at the start of `data`. */
export function readClientHelloServerName(data: Buffer): ClientHelloRead {
  if (data.length < 5) return { complete: false };
  if (data[0] !== TLS_HANDSHAKE) return { malformed: 'not a TLS handshake record' };
  const recordEnd = 5 + data.readUInt16BE(3);
  if (data.length < recordEnd) return { complete: false };
  const hello = data.subarray(5, recordEnd);
  if (hello[0] !== 1) return { malformed: 'the first handshake message is not a ClientHello' };
  try {
    let at = 4 + 2 + 32; // handshake header, client_version, random
    at += 1 + hello[at]; // session_id
    at += 2 + hello.readUInt16BE(at); // cipher_suites
    at += 1 + hello[at]; // compression_methods
    if (at >= hello.length) return { complete: true };
    const extensionsEnd = Math.min(hello.length, at + 2 + hello.readUInt16BE(at));
    at += 2;
    while (at + 4 <= extensionsEnd) {
      const type = hello.readUInt16BE(at);
      const length = hello.readUInt16BE(at + 2);
      if (type === 0) {
        // server_name_list: length(2), then name_type(1) = host_name, name length(2), name.
        const nameLength = hello.readUInt16BE(at + 4 + 3);
        return { complete: true, serverName: hello.subarray(at + 4 + 5, at + 4 + 5 + nameLength).toString('ascii').toLowerCase() };
      }
      at += 4 + length;
    }
    return { complete: true };
  } catch {
    return { malformed: 'a truncated ClientHello' };
  }
}

/**
 * Relays `client` ⇄ `upstream` like a pipe, except that the TLS ClientHello is held until
 * `decide` admits its server name. A refused client gets the TLS alert and is closed; the
 * upstream connection is closed without having seen the ClientHello.
 */
export function relayThroughEdge(client: Socket, upstream: Socket, decide: (serverName: string | undefined) => EdgeVerdict, onRefused: (reason: string) => void): void {
  upstream.pipe(client);
  let held = Buffer.alloc(0);
  let phase: 'startup' | 'hello' = 'startup';
  const refuse = (reason: string, alert: boolean) => {
    client.off('data', onData);
    onRefused(reason);
    upstream.unpipe(client);
    upstream.destroy();
    if (alert) client.end(UNRECOGNIZED_NAME_ALERT);
    else client.end();
  };
  const admit = () => {
    client.off('data', onData);
    if (held.length) upstream.write(held);
    client.pipe(upstream);
  };
  const onData = (chunk: Buffer) => {
    held = Buffer.concat([held, chunk]);
    if (held.length > MAX_HELD_BYTES) return refuse('edge: more than 64 KiB before a complete ClientHello', false);
    while (phase === 'startup' && held.length >= 8) {
      const length = held.readUInt32BE(0);
      const code = held.readUInt32BE(4);
      if (held[0] === TLS_HANDSHAKE) {
        phase = 'hello'; // direct TLS (sslnegotiation=direct): the ClientHello comes first
      } else if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        upstream.write(held.subarray(0, 8));
        held = held.subarray(8);
        if (code === SSL_REQUEST) phase = 'hello';
      } else {
        // A plaintext startup or a cancel request: the database itself refuses plaintext logins.
        return admit();
      }
    }
    if (phase !== 'hello') return;
    const read = readClientHelloServerName(held);
    if ('malformed' in read) return refuse(`edge: ${read.malformed}`, false);
    if (!read.complete) return;
    const verdict = decide(read.serverName);
    if (verdict.allowed) admit();
    else refuse(verdict.reason, true);
  };
  client.on('data', onData);
}
