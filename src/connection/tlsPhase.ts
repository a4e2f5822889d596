// TLS phase: Postgres negotiates TLS in-band (SSLRequest, then 'S'), then the certificate must
// chain to a trusted root and name the Private Host. Nothing is sent over an unverified session.
import { Socket } from 'node:net';
import { PeerCertificate, TLSSocket, checkServerIdentity, connect as tlsConnect } from 'node:tls';
import { PhaseCancelledError, PhaseTimeoutError, formatSeconds, withDeadline } from './phaseDeadline';
import { blackHoleFix } from './tcpPhase';
import type { Evidence, PhaseOutcome } from './verifyTypes';

/** Int32 length 8, then the SSLRequest code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const EXPIRY_WARNING_DAYS = 14;

export interface TlsTrust {
  /** PEM text of the CA to trust; absent = Node's built-in public roots. */
  ca?: string;
  /** How to name the trust store in messages ("the CA file /x/ca.pem"). */
  label: string;
}

function firstByte(socket: Socket): Promise<number | 'closed'> {
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      cleanup();
      resolve(data[0]);
    };
    const onEnd = () => {
      cleanup();
      resolve('closed');
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
  });
}

function certificateEvidence(cert: PeerCertificate, tls: TLSSocket): Evidence {
  const evidence: Evidence = {};
  if (cert.subject?.CN) evidence.subject = String(cert.subject.CN);
  if (cert.subjectaltname) evidence.altNames = cert.subjectaltname.split(/,\s*/).map((n) => n.replace(/^DNS:/, ''));
  const issuer = [cert.issuer?.CN, cert.issuer?.O].filter(Boolean).map(String);
  if (issuer.length) evidence.issuer = issuer.join(', ');
  if (cert.valid_to) evidence.validTo = new Date(cert.valid_to).toISOString();
  if (cert.fingerprint256) evidence.fingerprint256 = cert.fingerprint256;
  const protocol = tls.getProtocol();
  if (protocol) evidence.protocol = protocol;
  return evidence;
}

export async function runTlsPhase(
  socket: Socket,
  host: string,
  port: number,
  trust: TlsTrust,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PhaseOutcome<TLSSocket>> {
  const started = Date.now();
  const remaining = () => Math.max(1, timeoutMs - (Date.now() - started));
  const evidence: Evidence = { serverName: host, trust: trust.label };

  let answer: number | 'closed';
  try {
    const reply = firstByte(socket);
    socket.write(SSL_REQUEST);
    answer = await withDeadline(reply, remaining(), signal, () => socket.destroy());
  } catch (error) {
    socket.destroy();
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError) {
      // A VPC drops packets silently; a user-space stand-in accepts the handshake and then stays
      // silent. Either way nothing answers: the same causes as a TCP timeout.
      return {
        status: 'fail', evidence: { ...evidence, answer: 'none' },
        detail: `Connected to port ${port}, but nothing answered the TLS request within ${formatSeconds(timeoutMs)}: the traffic is dropped on the way, as a security group or network ACL does.`,
        fix: blackHoleFix(port),
      };
    }
    return { status: 'fail', evidence, detail: `The connection failed while asking for TLS (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, fix: blackHoleFix(port) };
  }
  if (answer !== 0x53 /* 'S' */) {
    socket.destroy();
    const refused = answer === 0x4e; // 'N'
    return {
      status: 'fail', evidence: { ...evidence, answer: answer === 'closed' ? 'connection closed' : String.fromCharCode(answer) },
      detail: refused ? 'The server refused TLS.' : answer === 'closed' ? 'The server closed the connection instead of answering the TLS request.' : 'The server did not answer the TLS request as Postgres does.',
      fix: `Check that ${host}:${port} is the PlanetScale endpoint (5432 Postgres, 6432 PSBouncer) and not another service on the same address.`,
    };
  }

  const tls = tlsConnect({ socket, servername: host, ca: trust.ca, rejectUnauthorized: false });
  try {
    const handshake = new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', () => resolve());
      tls.once('error', reject);
    });
    await withDeadline(handshake, remaining(), signal, () => tls.destroy());
  } catch (error) {
    tls.destroy();
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError) {
      return { status: 'fail', evidence, detail: `The TLS handshake did not finish within ${formatSeconds(timeoutMs)}.`, fix: blackHoleFix(port) };
    }
    if (/unrecognized name/i.test((error as Error).message)) {
      // A TLS front end (PlanetScale's edge) that does not serve the name: the address is wrong for this branch.
      return {
        status: 'fail', evidence: { ...evidence, error: 'unrecognized_name' },
        detail: `The server at this address does not serve ${host}: it ended the TLS handshake with "unrecognized name".`,
        fix: 'The address belongs to an endpoint that cannot reach this branch, typically an endpoint of another region\'s Private Service Name. Connect through an endpoint of the branch\'s own Private Service Name.',
      };
    }
    return {
      status: 'fail', evidence: { ...evidence, error: (error as NodeJS.ErrnoException).code ?? 'handshake' },
      detail: `The TLS handshake failed: ${(error as Error).message}.`,
      fix: 'Something between this machine and the endpoint interferes with TLS (a proxy?), or the server does not offer a TLS version Node accepts.',
    };
  }

  const cert = tls.getPeerCertificate();
  Object.assign(evidence, certificateEvidence(cert, tls));
  const identityError = checkServerIdentity(host, cert);
  const chainError = tls.authorized ? undefined : String(tls.authorizationError ?? '');
  if (identityError || chainError) {
    tls.destroy();
    return { ...describeVerifyFailure(host, trust, chainError, identityError, evidence), evidence };
  }

  tls.on('error', () => undefined); // the login phase attaches its own handling
  const daysLeft = cert.valid_to ? (new Date(cert.valid_to).getTime() - Date.now()) / 86_400_000 : Infinity;
  const summary = `Certificate for ${evidence.subject ?? host} issued by ${evidence.issuer ?? 'an unnamed CA'}, verified against ${trust.label}, matches ${host}; ${tls.getProtocol() ?? 'TLS'}.`;
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    return { status: 'warn', evidence, value: tls, detail: `${summary} It expires in ${Math.max(0, Math.floor(daysLeft))} days (${evidence.validTo}).`, fix: 'Managed certificates renew on their own; if this one does not, contact PlanetScale support.' };
  }
  return { status: 'pass', evidence, value: tls, detail: `${summary} Valid until ${evidence.validTo}.` };
}

function describeVerifyFailure(host: string, trust: TlsTrust, chainError: string | undefined, identityError: Error | undefined, evidence: Evidence): Omit<PhaseOutcome<never>, 'evidence'> {
  if (chainError === 'CERT_HAS_EXPIRED' || chainError === 'CERT_NOT_YET_VALID') {
    return {
      status: 'fail',
      detail: `The server certificate is ${chainError === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'} (valid until ${evidence.validTo ?? 'unknown'}).`,
      fix: 'Check this machine\'s clock; if it is right, the server presents a stale certificate.',
    };
  }
  if (chainError && chainError !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      status: 'fail',
      detail: `The server certificate (issued by ${evidence.issuer ?? 'an unknown CA'}) does not chain to ${trust.label} (${chainError}).`,
      fix: trust.ca
        ? 'The CA file in planetscalePrivateLink.tls.caFile must hold the CA that issued the database certificate. PlanetScale uses a public CA: clear the setting unless you were given a CA file.'
        : 'The certificate is not from a public CA: something between this machine and the endpoint presents its own certificate (a TLS-inspecting proxy?), or set planetscalePrivateLink.tls.caFile to the CA you were given.',
    };
  }
  const names = Array.isArray(evidence.altNames) ? evidence.altNames.join(', ') : String(evidence.subject ?? 'other names');
  return {
    status: 'fail',
    detail: `The certificate is for ${names}, not ${host}${identityError ? ` (${identityError.message})` : ''}.`,
    fix: 'Connect with the branch\'s Private Host exactly as PlanetScale shows it: the endpoint\'s own vpce-… DNS names and IP addresses are not on the certificate, so verify-full fails with them.',
  };
}
