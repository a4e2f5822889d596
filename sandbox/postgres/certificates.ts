// A throwaway certificate authority and one server certificate for the private host names, made
// with openssl so Postgres, PgBouncer, libpq and Node all read them as they would real ones.
import { randomBytes } from 'node:crypto';
import { chown, chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAs, UnixUser } from './processes';

export interface SandboxCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface CertificateOptions {
  /** DNS names for subjectAltName: wildcards cover exactly one label. */
  dnsNames: string[];
  /** IP addresses for subjectAltName. */
  ipAddresses: string[];
  /** Group that must read the key (Postgres accepts a root-owned key with group read). */
  keyReader?: UnixUser;
}

export async function createCertificates(dir: string, options: CertificateOptions): Promise<SandboxCertificates> {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'server.key');
  const csrFile = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const extFile = join(dir, 'server.ext');
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await runAs(undefined, 'openssl', [
    'req', '-x509', '-new', ...ecKey, '-keyout', caKey, '-out', caFile, '-days', '30',
    '-subj', '/O=PlanetScale PrivateLink Sandbox/CN=Sandbox Root CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runAs(undefined, 'openssl', [
    'req', '-new', ...ecKey, '-keyout', keyFile, '-out', csrFile,
    '-subj', `/O=PlanetScale PrivateLink Sandbox/CN=${options.dnsNames[0] ?? 'localhost'}`,
  ]);
  const altNames = [...options.dnsNames.map((name) => `DNS:${name}`), ...options.ipAddresses.map((ip) => `IP:${ip}`)];
  await writeFile(extFile, [
    `subjectAltName=${altNames.join(',')}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    '',
  ].join('\n'));
  await runAs(undefined, 'openssl', [
    'x509', '-req', '-in', csrFile, '-CA', caFile, '-CAkey', caKey, '-out', certFile, '-days', '30',
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-extfile', extFile,
  ]);
  // Nothing after this point needs to sign: the CA key goes, so the CA is good for this run only.
  await Promise.all([rm(caKey), rm(csrFile), rm(extFile)]);
  if (options.keyReader && process.getuid?.() === 0) {
    await chown(keyFile, 0, options.keyReader.gid);
  }
  await chmod(keyFile, 0o640);
  await chmod(certFile, 0o644);
  await chmod(caFile, 0o644);
  return { caFile, certFile, keyFile };
}
