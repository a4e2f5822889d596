// What to write to .env for each Postgres client, with the TLS parameters that client reads.
// Pure (no pg): the main bundle builds the preview with it.
//
// The TLS rules come from each client's own parser (checked against their sources):
// - node-postgres (pg-connection-string) reads `sslrootcert` as a file path, so `system` fails with
//   ENOENT; its default CA store is Node's, so `sslmode=verify-full` alone verifies against the
//   public roots. pg 8 reads `require`/`verify-ca` as verify-full unless `uselibpqcompat=true`.
//   `sslcert` is a CLIENT certificate for pg, never a CA.
// - postgres.js maps `sslmode` to its `ssl` option (`verify-full` verifies with Node's roots); any
//   query parameter it does not know is sent to the server as a startup parameter, so a CA path
//   cannot go in its URL.
// - Prisma's engines (quaint) know only sslmode disable|prefer|require (anything else silently
//   becomes prefer) and accept invalid certificates unless `sslaccept=strict`; `sslcert` is the
//   CA file for them.
// - libpq: without `sslrootcert` verify-full looks for ~/.postgresql/root.crt; `sslrootcert=system`
//   (system roots) needs libpq 16+ and an OpenSSL that finds the system store, so libpqRoots.ts
//   picks `system` or a CA bundle path from the libpq detected on this machine;
//   `sslnegotiation=direct` needs libpq 17 and is never written.
// - pgx and lib/pq verify against Go's system roots when `sslrootcert` is absent; they only learned
//   `sslrootcert=system` recently (pgx 5.7, lib/pq 1.12), so it is never written for them.
import { Dialect, URL_SPECS } from './clientUrlSpecs';
import { DIRECT_PORT, POOLED_PORT, PortChoice } from './connectionPorts';
import { FormatInputError, assertDistinctKeys, resolveNames, validateTarget } from './connectionInputChecks';
import { LibpqFacts, libpqRoots } from './libpqRoots';
import { percentEncodeStrict } from './redact';

export type { LibpqFacts } from './libpqRoots';
export { ENV_KEY_PATTERN, FormatInputError } from './connectionInputChecks';

export type ClientKind =
  | 'node-postgres'
  | 'sequelize'
  | 'postgres-js'
  | 'prisma'
  | 'psycopg'
  | 'psycopg2'
  | 'sqlalchemy'
  | 'django'
  | 'ruby-pg'
  | 'rails'
  | 'pgx'
  | 'lib-pq'
  | 'libpq-env';

export const CLIENT_KINDS: readonly ClientKind[] = [
  'node-postgres', 'sequelize', 'postgres-js', 'prisma', 'psycopg', 'psycopg2', 'sqlalchemy',
  'django', 'ruby-pg', 'rails', 'pgx', 'lib-pq', 'libpq-env',
];

/** verify-full unless the user explicitly chose something weaker. */
export type SslMode = 'verify-full' | 'verify-ca' | 'require';
export { DIRECT_PORT, POOLED_PORT, type PortChoice } from './connectionPorts';

export type VariableRole =
  | 'url' | 'directUrl'
  | 'host' | 'port' | 'user' | 'password' | 'database' | 'sslmode' | 'sslrootcert';

export interface ConnectionTarget {
  /** The branch's Private Host, e.g. `abc123.private-pg.psdb.cloud`. */
  host: string;
  user: string;
  password: string;
  database: string;
  port: PortChoice;
  /** Absolute path of a CA bundle; absent = the client's system roots. */
  caFile?: string;
  sslmode?: SslMode;
}

export interface FormatOptions {
  /** Variable names chosen by the user, by role; defaults per client otherwise. */
  names?: Partial<Record<VariableRole, string>>;
  /** Prisma 7 (or @prisma/adapter-pg) hands DATABASE_URL to node-postgres at run time. */
  prismaRuntime?: 'engine' | 'node-postgres';
  /** The DB-API driver in a SQLAlchemy URL. */
  sqlalchemyDriver?: 'psycopg' | 'psycopg2';
  /** What this machine knows of the client's libpq (libpq clients): decides sslrootcert. */
  libpq?: LibpqFacts;
}

export interface EnvVariable {
  key: string;
  value: string;
  /** True when the value carries the password. */
  secret: boolean;
  role: VariableRole;
}

export interface ConnectionFormat {
  kind: ClientKind;
  label: string;
  variables: EnvVariable[];
  /** One paragraph for the preview: what is written and why. */
  description: string;
  /** Caveats the user should read (library versions, settings to change in code). */
  notes: string[];
}

const DEFAULT_NAMES: Record<VariableRole, string> = {
  url: 'DATABASE_URL',
  directUrl: 'DIRECT_URL',
  host: 'PGHOST',
  port: 'PGPORT',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  database: 'PGDATABASE',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
};

export function clientLabel(kind: ClientKind): string {
  if (kind === 'prisma') return 'Prisma';
  if (kind === 'libpq-env') return 'libpq environment variables (PGHOST, PGUSER, ...)';
  return URL_SPECS[kind].label;
}

/** The variables to write for a client. Throws FormatInputError naming the bad field. */
export function formatConnection(kind: ClientKind, target: ConnectionTarget, options: FormatOptions = {}): ConnectionFormat {
  validateTarget(target);
  const sslmode = target.sslmode ?? 'verify-full';
  const names = resolveNames(DEFAULT_NAMES, options.names);
  let result: Omit<ConnectionFormat, 'kind' | 'label'>;
  if (kind === 'prisma') result = prismaFormat(target, sslmode, names, options.prismaRuntime ?? 'engine');
  else if (kind === 'libpq-env') result = libpqEnvFormat(target, sslmode, names, options.libpq);
  else if (CLIENT_KINDS.includes(kind)) result = urlFormat(kind, target, sslmode, names, options);
  else throw new FormatInputError('client', `Unknown client "${String(kind)}": choose one of ${CLIENT_KINDS.join(', ')}.`);
  assertDistinctKeys(result.variables);
  const notes = [...result.notes];
  if (sslmode !== 'verify-full') notes.unshift(`sslmode=${sslmode} was chosen explicitly: it does not check ${sslmode === 'require' ? 'the certificate' : 'the host name'}.`);
  return { kind, label: clientLabel(kind), ...result, notes };
}

function urlFormat(
  kind: Exclude<ClientKind, 'prisma' | 'libpq-env'>,
  target: ConnectionTarget,
  sslmode: SslMode,
  names: Record<VariableRole, string>,
  options: FormatOptions,
): Omit<ConnectionFormat, 'kind' | 'label'> {
  const spec = URL_SPECS[kind];
  const scheme = kind === 'sqlalchemy' ? `postgresql+${options.sqlalchemyDriver ?? 'psycopg2'}` : spec.scheme;
  const roots = spec.dialect === 'libpq' ? rootsFor(sslmode, target.caFile, options.libpq) : {};
  const tls = tlsParams(spec.dialect, sslmode, target.caFile, spec.label, roots.sslrootcert);
  const build = (port: number) => buildUrl(scheme, target, port, [...tls, ...(port === POOLED_PORT ? spec.pooledParams ?? [] : [])]);
  const variables: EnvVariable[] = [];
  if (target.port === 'both') {
    variables.push({ key: names.url, value: build(POOLED_PORT), secret: true, role: 'url' });
    variables.push({ key: names.directUrl, value: build(DIRECT_PORT), secret: true, role: 'directUrl' });
  } else {
    variables.push({ key: names.url, value: build(target.port), secret: true, role: 'url' });
  }
  if (kind === 'sequelize') variables.push({ key: names.sslmode, value: sslmode === 'require' ? 'no-verify' : 'verify-full', secret: false, role: 'sslmode' });
  const notes = roots.note ? [roots.note, ...spec.notes] : spec.notes;
  return { variables, description: describeUrls(spec.label, target, variables, tlsSummary(spec.dialect, sslmode, target.caFile, roots.sslrootcert)), notes };
}

function prismaFormat(
  target: ConnectionTarget,
  sslmode: SslMode,
  names: Record<VariableRole, string>,
  runtime: 'engine' | 'node-postgres',
): Omit<ConnectionFormat, 'kind' | 'label'> {
  const engineTls = tlsParams('prisma-engine', sslmode, target.caFile, 'Prisma');
  const engineUrl = (port: number) => buildUrl('postgresql', target, port, [...engineTls, ...(port === POOLED_PORT ? [['pgbouncer', 'true'] as [string, string]] : [])]);
  const adapterUrl = (port: number) => buildUrl('postgresql', target, port, tlsParams('node-postgres', sslmode, target.caFile, 'Prisma (node-postgres adapter)'));
  const variables: EnvVariable[] = [];
  const notes: string[] = [];
  if (target.port === 'both') {
    // The pooled URL is what the application uses; migrations need the direct one.
    const pooled = runtime === 'node-postgres' ? adapterUrl(POOLED_PORT) : engineUrl(POOLED_PORT);
    variables.push({ key: names.url, value: pooled, secret: true, role: 'url' });
    variables.push({ key: names.directUrl, value: engineUrl(DIRECT_PORT), secret: true, role: 'directUrl' });
    notes.push(`Point Prisma's directUrl (or the CLI's datasource url in prisma.config.ts) at ${names.directUrl}: migrations cannot run through PSBouncer.`);
  } else if (runtime === 'node-postgres') {
    // The adapter hands the URL to node-postgres: `require` means verify-full in pg 8 only (encrypt
    // only in pg 9, as in libpq), so the URL says verify-full, which every pg version verifies.
    variables.push({ key: names.url, value: adapterUrl(target.port), secret: true, role: 'url' });
    notes.push(`Prisma's migrate engine reads sslmode=verify-full as "prefer" (no certificate check): give the CLI's datasource url (prisma.config.ts) a URL with sslmode=require&sslaccept=strict, or choose both ports to get ${names.directUrl} in that form.`);
    if (target.port === POOLED_PORT) notes.push('Migrations cannot run through PSBouncer: choose both ports to also get a direct URL.');
  } else {
    variables.push({ key: names.url, value: engineUrl(target.port), secret: true, role: 'url' });
    if (target.port === POOLED_PORT) notes.push('Migrations cannot run through PSBouncer: choose both ports to also get a direct URL.');
  }
  if (runtime === 'node-postgres') notes.push(`${names.url} is read by node-postgres through the adapter, so it says sslmode=verify-full: node-postgres 9 reads sslmode=require as "encrypt only", without checking the certificate.`);
  if (target.port !== DIRECT_PORT) notes.push('pgbouncer=true turns off Prisma\'s prepared-statement cache, which PgBouncer before 1.21 cannot serve.');
  const summary = `Prisma's engines read sslmode=require with sslaccept=strict as "TLS, certificate and host name verified"${target.caFile ? ' (sslcert is the CA file for Prisma)' : ''}.`;
  return { variables, description: describeUrls('Prisma', target, variables, summary), notes };
}

function libpqEnvFormat(target: ConnectionTarget, sslmode: SslMode, names: Record<VariableRole, string>, libpq: LibpqFacts | undefined): Omit<ConnectionFormat, 'kind' | 'label'> {
  // One set of PG* variables describes one connection: the direct port when both were chosen.
  const port = target.port === 'both' ? DIRECT_PORT : target.port;
  const roots = rootsFor(sslmode, target.caFile, libpq);
  const rootcert = roots.sslrootcert;
  const variables: EnvVariable[] = [
    { key: names.host, value: target.host, secret: false, role: 'host' },
    { key: names.port, value: String(port), secret: false, role: 'port' },
    { key: names.user, value: target.user, secret: false, role: 'user' },
    { key: names.password, value: target.password, secret: true, role: 'password' },
    { key: names.database, value: target.database, secret: false, role: 'database' },
    { key: names.sslmode, value: sslmode, secret: false, role: 'sslmode' },
  ];
  if (rootcert) variables.push({ key: names.sslrootcert, value: rootcert, secret: false, role: 'sslrootcert' });
  const notes = roots.note ? [roots.note] : [];
  if (target.port === 'both') notes.push(`${names.port} is the direct port ${DIRECT_PORT}; set it to ${POOLED_PORT} to go through PSBouncer.`);
  const description = `libpq environment variables for ${target.user} at ${target.host}:${port}/${target.database}: ${tlsSummary('libpq', sslmode, target.caFile, rootcert)}`;
  return { variables, description, notes };
}

/** Query parameters that give `sslmode` its libpq meaning in each dialect. */
function tlsParams(dialect: Dialect, sslmode: SslMode, caFile: string | undefined, label: string, libpqRootcert?: string): Array<[string, string]> {
  if (sslmode === 'verify-ca' && !caFile) {
    throw new FormatInputError('sslmode', 'sslmode=verify-ca needs a CA file (tls.caFile): against the public roots it would accept any certificate from that CA. Use verify-full.');
  }
  switch (dialect) {
    case 'node-postgres': {
      const params: Array<[string, string]> = [['sslmode', sslmode]];
      if (caFile && sslmode !== 'require') params.push(['sslrootcert', caFile]);
      // Without libpq compatibility pg 8 silently upgrades weaker modes to verify-full.
      if (sslmode !== 'verify-full') params.push(['uselibpqcompat', 'true']);
      return params;
    }
    case 'postgres-js':
      if (sslmode === 'verify-ca') throw new FormatInputError('sslmode', `${label} has no verify-ca mode: choose verify-full (or require).`);
      return [['sslmode', sslmode]];
    case 'prisma-engine':
      if (sslmode === 'verify-ca') throw new FormatInputError('sslmode', `${label} has no verify-ca mode (sslaccept=strict also checks the host name): choose verify-full (or require).`);
      if (sslmode === 'require') return [['sslmode', 'require'], ['sslaccept', 'accept_invalid_certs']];
      return caFile ? [['sslmode', 'require'], ['sslaccept', 'strict'], ['sslcert', caFile]] : [['sslmode', 'require'], ['sslaccept', 'strict']];
    case 'libpq':
      return libpqRootcert ? [['sslmode', sslmode], ['sslrootcert', libpqRootcert]] : [['sslmode', sslmode]];
    case 'go':
      // No sslrootcert = Go's system roots; with require a root file would turn it into verify-ca.
      return caFile && sslmode !== 'require' ? [['sslmode', sslmode], ['sslrootcert', caFile]] : [['sslmode', sslmode]];
  }
}

/** libpq's roots for this machine; a libpq that can verify against nothing is a bad CA input. */
function rootsFor(sslmode: SslMode, caFile: string | undefined, facts: LibpqFacts | undefined): { sslrootcert?: string; note?: string } {
  const roots = libpqRoots(sslmode, caFile, facts);
  if (roots.problem) throw new FormatInputError('caFile', roots.problem);
  return roots;
}

function tlsSummary(dialect: Dialect, sslmode: SslMode, caFile: string | undefined, libpqRootcert?: string): string {
  const roots = caFile ? `the CA file ${caFile}` : 'the system CA store';
  if (sslmode === 'require') return 'TLS without certificate checks (sslmode=require, chosen explicitly).';
  const what = sslmode === 'verify-full' ? 'certificate and host name verified' : 'certificate verified, host name not checked';
  if (dialect === 'node-postgres' && !caFile) return `TLS with ${what} against Node's CA store (sslmode=${sslmode}; no sslrootcert, which node-postgres would read as a file).`;
  if (dialect === 'libpq' && !caFile) {
    const store = libpqRootcert === 'system' ? 'the system CA store' : `the CA bundle ${libpqRootcert}`;
    return `TLS with ${what} against ${store} (sslmode=${sslmode}, sslrootcert=${libpqRootcert}).`;
  }
  return `TLS with ${what} against ${roots} (sslmode=${sslmode}).`;
}

function describeUrls(label: string, target: ConnectionTarget, variables: EnvVariable[], tls: string): string {
  const urls = variables.filter((v) => v.role === 'url' || v.role === 'directUrl');
  const portOf = (v: EnvVariable) => (v.role === 'directUrl' ? DIRECT_PORT : target.port === 'both' ? POOLED_PORT : target.port);
  const ports = urls.map((v) => `${v.key} → port ${portOf(v)} (${portOf(v) === DIRECT_PORT ? 'direct' : 'PSBouncer'})`);
  return `${label} connection URL${urls.length > 1 ? 's' : ''} for ${target.user} at ${target.host}/${target.database}: ${ports.join(', ')}. ${tls} User name and password are percent-encoded.`;
}

function buildUrl(scheme: string, target: ConnectionTarget, port: number, params: Array<[string, string]>): string {
  const query = params.map(([k, v]) => `${k}=${encodeQueryValue(v)}`).join('&');
  return `${scheme}://${percentEncodeStrict(target.user)}:${percentEncodeStrict(target.password)}@${target.host}:${port}/${target.database}${query ? `?${query}` : ''}`;
}

/** Strict percent-encoding, but `/` and `:` stay readable (both are legal in a query). */
function encodeQueryValue(value: string): string {
  return percentEncodeStrict(value).replace(/%2F/g, '/').replace(/%3A/g, ':');
}
