// TCP phase: open the connection that the later phases reuse (TLS, login and query all run on
// this one socket, so verification costs exactly one connection to the database).
import { Socket, createConnection } from 'node:net';
import { PhaseCancelledError, PhaseTimeoutError, formatSeconds, withDeadline } from './phaseDeadline';
import type { PhaseOutcome } from './verifyTypes';

/** What to check when packets to the endpoint are dropped (a VPC drops them silently). */
export function blackHoleFix(port: number): string {
  return `Check that the endpoint's security group allows inbound TCP ${port} from the application's security group (or its CIDR), that the subnet's network ACLs allow ${port} inbound and the ephemeral ports 1024-65535 back out, and that the endpoint is available.`;
}

export async function runTcpPhase(ip: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<PhaseOutcome<Socket>> {
  const evidence = { address: `${ip}:${port}` };
  const socket = createConnection({ host: ip, port });
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  try {
    await withDeadline(connected, timeoutMs, signal, () => socket.destroy());
    socket.removeAllListeners('error');
    // A reset between phases must not become an uncaught error in the extension host; each later
    // phase listens for errors itself while it uses the socket.
    socket.on('error', () => undefined);
    return { status: 'pass', evidence, value: socket, detail: `Connected to ${ip}:${port}.` };
  } catch (error) {
    socket.destroy();
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError || (error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      return {
        status: 'fail', evidence,
        detail: `No answer to the TCP connection to ${ip}:${port} within ${formatSeconds(timeoutMs)}: the packets are dropped on the way.`,
        fix: blackHoleFix(port),
      };
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ECONNREFUSED') {
      return {
        status: 'fail', evidence: { ...evidence, error: code },
        detail: `${ip}:${port} refused the connection: nothing listens there.`,
        fix: `Check the port (5432 direct, 6432 PSBouncer) and that the address is one of the endpoint's current interface IPs: an endpoint that was deleted or replaced leaves stale DNS answers behind.`,
      };
    }
    return {
      status: 'fail', evidence: { ...evidence, error: code },
      detail: `Could not connect to ${ip}:${port} (${code}).`,
      fix: code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
        ? 'There is no route from this machine to the endpoint\'s subnet: run from inside the VPC (or a network routed to it).'
        : blackHoleFix(port),
    };
  }
}
