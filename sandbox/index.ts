// The whole sandbox in one process: EC2/STS emulator, PlanetScale API stand-in, Postgres and
// PgBouncer with TLS, the VPC's DNS resolver and the TCP forwarders on endpoint interface IPs.
// Everything binds to loopback on free ports (the forwarders on the interface IPs' 5432/6432)
// and everything is removed again by stop().
import { mkdtemp, rm, chmod, mkdir } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProfileFiles, writeAwsProfile } from './awsProfile';
import { SandboxDnsServer, startDnsServer } from './dns/dnsServer';
import { startEc2Emulator } from './ec2';
import type { Ec2Emulator, Ec2Seed } from './ec2';
import { TcpForwarders } from './network/forwarders';
import { ClientHost } from './network/vpcRules';
import { PlanetScaleApi, PlanetScaleSeed, SeededRole, defaultPlanetScaleSeed, privateHostsOfSeed, publicHostsOfSeed, startPlanetScaleApi } from './planetscale';
import { PublicAccess, startPublicAccess } from './publicAccess';
import { SandboxDatabase, startDatabase } from './postgres';
import { laptopHost, resolveClientHost, ClientSpec, SandboxVantage } from './clientHost';
import { removeStaleSandboxFolders, SANDBOX_DIR_PREFIX, writeOwner } from './staleFolders';
import { placeSeed } from './networkPlacement';
import { instanceClientAt } from './network/instanceClients';
import { SandboxSsm, SsmTimings, startSsm } from './ssm';

export type { SandboxSsm, SsmTimings };
export type { PublicAccess, ClientHost, ClientSpec, PlanetScaleApi, PlanetScaleSeed, SandboxDatabase, SandboxDnsServer, SeededRole, TcpForwarders, AwsProfileFiles, Ec2Emulator };

/** The `SANDBOX_READY` fields: everything a user (or a test) needs to point the product here. */
export interface SandboxInfo {
  region: string;
  ec2Endpoint: string;
  planetscaleApiUrl: string;
  planetscaleTokenId: string;
  planetscaleToken: string;
  planetscaleOrg: string;
  dnsServer: string;
  caFile: string;
  awsProfile: string;
  awsConfigFile: string;
  awsCredentialsFile: string;
  controlUrl: string;
  /** `vpc`: this machine is the application instance in app-vpc; `laptop`: outside every VPC. */
  vantage: SandboxVantage;
}

export interface SandboxOptions {
  /** How long a new endpoint stays `pending` (emulator default otherwise). */
  endpointAvailableAfterMs?: number;
  deleteAfterMs?: number;
  eniLingerMs?: number;
  /** Parent folder of the sandbox's temporary folder (default: the OS temp folder); the postgres user must be able to traverse it. */
  workDir?: string;
  /** EC2 seed object or JSON path (default: sandbox/seed/default.json). */
  ec2Seed?: Ec2Seed | string;
  planetscaleSeed?: PlanetScaleSeed;
  /** PlanetScale API default page size (25 like the real API). */
  planetscalePerPage?: number;
  /** The machine the VPC rules and the DNS resolver act for (default: the seed's app-instance). */
  client?: ClientSpec;
  /** Ports the forwarders listen on at each interface IP (default 5432 → Postgres, 6432 → PgBouncer). */
  directPort?: number;
  pooledPort?: number;
  /** Where forwarder listen errors go (default: stderr). */
  onError?: (message: string) => void;
  /** Where this machine stands (default `vpc`, the application instance; `laptop`: outside, verify through SSM). */
  vantage?: SandboxVantage;
  /** Run Command timings of the SSM stand-in (delivery, visibility, seconds scale). */
  ssmTimings?: Partial<SsmTimings>;
}

export interface SandboxPostgres extends SandboxDatabase {
  /** Each Postgres branch's default role with its password (tests only; never print it). */
  seededRoles(): SeededRole[];
  seededRole(database: string, branch: string): SeededRole;
}

export interface Sandbox {
  info: SandboxInfo;
  /** The sandbox's temporary folder (removed by stop). */
  dir: string;
  ec2: Ec2Emulator;
  postgres: SandboxPostgres;
  dns: SandboxDnsServer;
  forwarders: TcpForwarders;
  planetscale: PlanetScaleApi;
  /** The public hosts and their IP restriction enforcement (sandbox/publicAccess). */
  publicAccess: PublicAccess;
  aws: AwsProfileFiles;
  /** The application instance the network rules are evaluated for. */
  client: ClientHost;
  /** Systems Manager stand-in (on the EC2 endpoint URL): managed nodes, Run Command. */
  ssm: SandboxSsm;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const parent = options.workDir ?? tmpdir();
  removeStaleSandboxFolders(parent);
  const dir = await mkdtemp(join(parent, SANDBOX_DIR_PREFIX));
  writeOwner(dir);
  // The postgres user must pass through this folder to reach its own subfolder.
  await chmod(dir, 0o711);
  const stops: Array<() => Promise<void>> = [];
  const kills: Array<() => void> = [];
  // If the process exits without stop() (a crash, process.exit), still leave nothing behind.
  const onExit = () => {
    for (const kill of kills) kill();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const step of stops.reverse()) await step().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    process.off('exit', onExit);
  };

  try {
    const psSeed = options.planetscaleSeed ?? defaultPlanetScaleSeed();
    const placed = await placeSeed(options.ec2Seed, options.directPort ?? 5432);
    stops.push(() => placed.release());
    const dbDir = join(dir, 'db');
    await mkdir(dbDir);
    const [ec2, database] = await Promise.all([
      startEc2Emulator({
        seed: placed.seed,
        endpointAvailableAfterMs: options.endpointAvailableAfterMs,
        deleteAfterMs: options.deleteAfterMs,
        eniLingerMs: options.eniLingerMs,
      }).then((emulator) => {
        stops.push(() => emulator.close());
        return emulator;
      }),
      startDatabase({ dir: dbDir, dnsNames: ['*.private-pg.psdb.cloud', ...privateHostsOfSeed(psSeed), ...publicHostsOfSeed(psSeed), 'localhost'] }).then((db) => {
        stops.push(() => db.stop());
        kills.push(() => db.killNow());
        return db;
      }),
    ]);

    const planetscale = await startPlanetScaleApi({ provisioner: database, seed: psSeed, defaultPerPage: options.planetscalePerPage });
    stops.push(() => planetscale.close());

    const vantage = options.vantage ?? 'vpc';
    const appInstance = resolveClientHost(ec2, options.client);
    const client = vantage === 'laptop' ? laptopHost(appInstance.region) : appInstance;
    const directTarget = { host: database.host, port: database.port };
    const pooledTarget = { host: database.host, port: database.bouncerPort };
    const publicHosts = publicHostsOfSeed(psSeed);
    const publicAccess = await startPublicAccess({
      ip: placed.publicHostIp, hosts: publicHosts, planetscale,
      targets: { [options.directPort ?? 5432]: directTarget, [options.pooledPort ?? 6432]: pooledTarget },
      certFile: database.certFile, keyFile: database.keyFile, ca: database.ca,
    });
    stops.push(() => publicAccess.close());

    const dnsOverrides = new Map<string, string[]>();
    const dns = await startDnsServer({
      model: ec2, vpc: { region: client.region, vpcId: client.vpcId }, overrides: dnsOverrides,
      records: Object.fromEntries(publicHosts.map((host) => [host, [placed.publicHostIp]])),
    });
    stops.push(() => dns.close());
    const ssm = startSsm({ emulator: ec2, dir, dnsOverrides, timings: options.ssmTimings, trustedCaFile: database.caFile });
    stops.push(() => ssm.close());

    const forwarders = new TcpForwarders({
      model: ec2,
      client,
      clientAt: instanceClientAt(ec2),
      targets: {
        [options.directPort ?? 5432]: { host: database.host, port: database.port },
        [options.pooledPort ?? 6432]: { host: database.host, port: database.bouncerPort },
      },
      onError: options.onError,
      edge: planetscale,
    });
    stops.push(() => forwarders.close());
    await forwarders.start();

    // The DNS answers and the forwarders live in this process: reachable from other processes
    // (an extension host under test) through the emulator's control API.
    ec2.addControlRoute('POST', '/_sandbox/dns/override', (json) => {
      if (typeof json.name !== 'string' || !json.name) throw new Error('name must be the host name to answer for.');
      const ips = json.ips;
      if (ips !== null && !(Array.isArray(ips) && ips.every((ip) => typeof ip === 'string'))) throw new Error('ips must be a list of IPv4 addresses, or null to remove the override.');
      dns.setOverride(json.name, ips as string[] | null);
      return { name: json.name, ips };
    });
    const ipOf = (json: Record<string, unknown>) => (typeof json.ip === 'string' ? json.ip : undefined);
    ec2.addControlRoute('POST', '/_sandbox/forwarders/suspend', (json) => forwarders.suspend(ipOf(json)));
    ec2.addControlRoute('POST', '/_sandbox/forwarders/resume', (json) => forwarders.resume(ipOf(json)));
    ec2.addControlRoute('POST', '/_sandbox/planetscale/max-per-page', (json) => {
      if (typeof json.n !== 'number') throw new Error('n must be the largest page size the API answers with.');
      planetscale.setMaxPerPage(json.n);
      return { n: json.n };
    });
    ec2.addControlRoute('POST', '/_sandbox/planetscale/requests', () => planetscale.requests());
    ec2.addControlRoute('POST', '/_sandbox/planetscale/tokens', (json) => {
      const accesses = json.accesses;
      if (!Array.isArray(accesses) || !accesses.every((a) => typeof a === 'string')) throw new Error('accesses must be a list of service-token accesses, e.g. ["read_organization"].');
      const issued = planetscale.issueToken(accesses as Parameters<PlanetScaleApi['issueToken']>[0]);
      return { id: issued.id, token: issued.token, accesses: issued.accesses };
    });
    ec2.addControlRoute('POST', '/_sandbox/public-access/client-ip', (json) => {
      if (typeof json.ip !== 'string') throw new Error('ip must be the IPv4 address PlanetScale should see for the client.');
      publicAccess.setClientPublicIp(json.ip);
      return { ip: json.ip };
    });
    ec2.addControlRoute('POST', '/_sandbox/public-access/decisions', () => publicAccess.decisions());
    ec2.addControlRoute('GET', '/_sandbox/ssm/stats', () => ssm.callCounts());
    ec2.addControlRoute('POST', '/_sandbox/ssm/stats/reset', () => ssm.resetCallCounts());
    ec2.addControlRoute('POST', '/_sandbox/ssm/timings', (json) => {
      for (const key of ['visibleAfterMs', 'deliveryMs', 'msPerSecond'] as const) {
        const value = json[key];
        if (value === undefined) continue;
        if (typeof value !== 'number' || value < 0) throw new Error(`${key} must be a number of milliseconds (0 or more).`);
        ssm.timings[key] = value;
      }
      return { ...ssm.timings };
    });
    ec2.addControlRoute('POST', '/_sandbox/planetscale/fail-next', (json) => {
      if (typeof json.count !== 'number' || typeof json.status !== 'number') throw new Error('count and status must be numbers: the next count requests fail with HTTP status.');
      const text = (key: string) => (typeof json[key] === 'string' ? json[key] as string : undefined);
      planetscale.failNext(json.count, json.status, text('message'), text('method'));
      return { count: json.count, status: json.status };
    });

    const aws = await writeAwsProfile(dir, client.region);
    const postgres: SandboxPostgres = Object.assign(database, {
      seededRoles: () => planetscale.seededRoles(),
      seededRole(db: string, branch: string) {
        const role = planetscale.seededRoles().find((r) => r.database === db && r.branch === branch);
        if (!role) throw new Error(`No seeded role for ${db}/${branch}; the seed has ${planetscale.seededRoles().map((r) => `${r.database}/${r.branch}`).join(', ')}.`);
        return role;
      },
    });
    const info: SandboxInfo = {
      region: client.region,
      ec2Endpoint: ec2.url,
      planetscaleApiUrl: planetscale.url,
      planetscaleTokenId: planetscale.token.id,
      planetscaleToken: planetscale.token.token,
      planetscaleOrg: planetscale.organization,
      dnsServer: dns.address,
      caFile: database.caFile,
      awsProfile: aws.profile,
      awsConfigFile: aws.configFile,
      awsCredentialsFile: aws.credentialsFile,
      controlUrl: ec2.controlUrl,
      vantage,
    };
    return { info, dir, ec2, postgres, dns, forwarders, planetscale, publicAccess, aws, client, ssm, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
