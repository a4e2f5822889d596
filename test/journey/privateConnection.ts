// Proves the written connection string from outside the editor: the Private Host resolved through
// the sandbox's DNS server (never the system resolver), then psql with sslmode=verify-full. The
// password is in the URL, so every text that leaves here passes through maskSecrets first.
import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';

/** A/AAAA answers for `host` from the given DNS server only (`host:port`, loopback). */
export async function resolveThroughDnsServer(host: string, dnsServer: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers([dnsServer]);
  return resolver.resolve4(host);
}

/** Replaces the password of every `scheme://user:password@` URL in `text`, and any listed secret. */
export function maskSecrets(text: string, secrets: string[] = []): string {
  let masked = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s'"]+:)([^@\s'"]+)(@)/gi, '$1***$3');
  for (const secret of secrets.filter((s) => s.length >= 4)) masked = masked.split(secret).join('***');
  return masked;
}

export interface PsqlResult {
  code: number;
  stdout: string;
  /** psql's error output, secrets masked. */
  stderr: string;
}

/**
 * Runs `psql "<url>&hostaddr=<ip>" -c <sql>` asynchronously (the sandbox's forwarders run in this
 * process, so a synchronous spawn would stall them), with nothing from the developer's environment
 * but PATH.
 */
export function psqlWithHostaddr(url: string, ip: string, sql: string, timeoutMs = 60_000): Promise<PsqlResult> {
  const separator = url.includes('?') ? '&' : '?';
  const password = passwordOf(url);
  return new Promise((resolve) => {
    execFile(
      'psql',
      [`${url}${separator}hostaddr=${ip}`, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGCONNECT_TIMEOUT: '20' }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: maskSecrets(stdout.trim(), [password]), stderr: maskSecrets(stderr.trim(), [password]) });
      },
    );
  });
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
