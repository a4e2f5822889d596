// Which hosts never leave this machine. Credentials may travel over plain http:// only to them
// (the sandbox, a local proxy); anywhere else http:// would hand keys and tokens to the network.
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost` and `*.localhost`; brackets allowed. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    if (/^(0{0,4}:){7}0{0,3}1$/.test(h) || h === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return !!mapped && mapped[1].startsWith('127.');
  }
  return false;
}

/** Why `url` must not carry credentials, or undefined when it may. `setting` names the fix. */
export function plainHttpProblem(url: URL, setting: string): string | undefined {
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return `The setting ${setting} uses plain http:// to ${url.host}, which would send your credentials unencrypted. Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}, or http:// only for a loopback host (127.0.0.1, ::1, localhost).`;
}
