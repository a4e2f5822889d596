// `npm run sandbox -- --no-editor` end to end, as the issue's "Done when" describes it: the
// printed values drive the AWS CLI through the seed's security-group and endpoint commands, dig
// asks the sandbox DNS server, psql connects with verify-full; SIGTERM then leaves nothing behind.
import assert from 'node:assert/strict';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createConnection } from 'node:net';
import type { SandboxInfo } from '../../../sandbox';

const projectRoot = resolve(__dirname, '..', '..', '..');

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // Generous: the AWS CLI (Python) can take many seconds to start on a busy machine.
    execFile(file, args, { env, timeout: 120_000 }, (error, stdout, stderr) => done({
      code: error ? Number(error.code ?? 1) : 0,
      stdout: stdout.trim(),
      stderr: error?.killed ? `killed after 120 s (${error.signal})` : stderr.trim(),
    }));
  });
}

function portRefused(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    socket.on('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

interface ProcessId {
  pid: number;
  /** Start time in clock ticks: tells a live process from a later one that reuses its pid. */
  start: string;
}

/** Parent pid and start time from /proc/<pid>/stat (fields 4 and 22), or undefined once gone. */
function statOf(pid: number): { parent: number; start: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], parent: Number(fields[1]), start: fields[19] };
  } catch {
    return undefined;
  }
}

/** A process and all its descendants. */
function processTree(root: number): ProcessId[] {
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number)
    .map((pid) => ({ pid, stat: statOf(pid) }))
    .filter((p): p is { pid: number; stat: NonNullable<ReturnType<typeof statOf>> } => p.stat !== undefined);
  const tree: ProcessId[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const self = all.find((p) => p.pid === pid);
    if (self) tree.push({ pid, start: self.stat.start });
    for (const child of all) if (child.stat.parent === pid) queue.push(child.pid);
  }
  return tree;
}

/** The same process (not a zombie, not a reused pid), with its command line. */
function stillRunning(ids: ProcessId[]): string[] {
  return ids.filter((id) => {
    const stat = statOf(id.pid);
    return stat !== undefined && stat.start === id.start && stat.state !== 'Z';
  }).map((id) => {
    try {
      return `${id.pid}: ${readFileSync(`/proc/${id.pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
    } catch {
      return `${id.pid}`;
    }
  });
}

/** Pids whose command line mentions `text` (our own test process excluded). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('npm run sandbox -- --no-editor', function () {
  // The AWS CLI starts slowly (seconds per call on a loaded machine).
  this.timeout(600_000);
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let info: SandboxInfo;
  let exited: Promise<number | null>;

  before(async () => {
    child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--no-editor', '--endpoint-available-after-ms', '500'], {
      cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' },
    });
    exited = new Promise((done) => child.once('exit', (code) => done(code)));
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!/^SANDBOX_READY .*\n/m.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no SANDBOX_READY line.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    info = JSON.parse(/^SANDBOX_READY (.*)$/m.exec(stdout)?.[1] ?? '{}') as SandboxInfo;
  });

  after(async () => {
    // A failed test must not leave the sandbox running: stop it the way a user would.
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
  });

  it('prints one SANDBOX_READY line with every field', () => {
    assert.equal(stdout.split('\n').filter((line) => line.startsWith('SANDBOX_READY ')).length, 1);
    assert.equal(info.region, 'us-east-1');
    assert.match(info.ec2Endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.planetscaleApiUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.match(info.planetscaleTokenId, /^[a-z0-9]{12}$/);
    assert.match(info.planetscaleToken, /^pscale_tkn_/);
    assert.equal(info.planetscaleOrg, 'acme');
    assert.match(info.dnsServer, /^127\.0\.0\.1:\d+$/);
    assert.equal(info.awsProfile, 'privatelink-sandbox');
    assert.match(info.controlUrl, /^http:\/\/127\.0\.0\.1:\d+\/_sandbox$/);
    for (const file of [info.caFile, info.awsConfigFile, info.awsCredentialsFile]) assert.ok(existsSync(file), file);
    assert.match(readFileSync(info.caFile, 'utf8'), /BEGIN CERTIFICATE/);
    assert.match(readFileSync(info.awsConfigFile, 'utf8'), /\[profile privatelink-sandbox\][^[]*region = us-east-1/);
  });

  it('answers GET <planetscaleApiUrl>/organizations with the printed token', async () => {
    const response = await fetch(`${info.planetscaleApiUrl}/organizations`, { headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as { data: Array<{ name: string }> }).data.map((o) => o.name), ['acme']);
  });

  it('Done when: AWS CLI creates the SG and an endpoint that reaches available, dig answers its IPs, psql connects with verify-full', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: dirname(info.awsConfigFile), AWS_CONFIG_FILE: info.awsConfigFile,
      AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile, AWS_PROFILE: info.awsProfile, AWS_EC2_METADATA_DISABLED: 'true',
    };
    const aws = async (...args: string[]) => {
      const result = await run('aws', ['ec2', ...args, '--endpoint-url', info.ec2Endpoint], env);
      assert.equal(result.code, 0, `aws ec2 ${args[0]}: ${result.stderr}`);
      return result.stdout;
    };
    // The seed's own VPC lookup, with the Name tag added to pick app-vpc (its CIDR is 127.10.0.0/16,
    // or a shifted block when another sandbox holds that one).
    const vpcs = await aws('describe-vpcs', '--query', "Vpcs[*].[VpcId,CidrBlock,Tags[?Key=='Name']|[0].Value]", '--output', 'text');
    const vpcId = vpcs.split('\n').map((line) => line.split(/\s+/)).find(([, , name]) => name === 'app-vpc')?.[0] ?? '';
    assert.match(vpcId, /^vpc-[0-9a-f]{17}$/);
    const sgId = await aws('create-security-group', '--group-name', 'PScalePrivateLinkEndpointSG',
      '--description', 'Security group for PlanetScale PrivateLink endpoint', '--vpc-id', vpcId, '--query', 'GroupId', '--output', 'text');
    assert.match(sgId, /^sg-[0-9a-f]{17}$/);
    const clientSg = await aws('describe-security-groups', '--filters', 'Name=group-name,Values=app-servers', `Name=vpc-id,Values=${vpcId}`,
      '--query', 'SecurityGroups[0].GroupId', '--output', 'text');
    await aws('authorize-security-group-ingress', '--group-id', sgId, '--ip-permissions', JSON.stringify([
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: clientSg }] },
      { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: clientSg }] },
    ]));

    // The Private Host and Private Service Name come from a role, as in the seed's step 1.
    const created = await fetch(`${info.planetscaleApiUrl}/organizations/acme/databases/orders/branches/main/roles`, {
      method: 'POST', headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'done-when', inherited_roles: ['postgres'] }),
    });
    const role = await created.json() as { username: string; password: string; private_access_host_url: string; private_connection_service_name: string };

    const subnets = (await aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpcId}`, 'Name=availability-zone,Values=us-east-1a,us-east-1b',
      '--query', 'Subnets[*].SubnetId', '--output', 'text')).split(/\s+/);
    assert.equal(subnets.length, 2);
    const endpointId = await aws('create-vpc-endpoint', '--vpc-endpoint-type', 'Interface', '--vpc-id', vpcId,
      '--service-name', role.private_connection_service_name, '--subnet-ids', ...subnets, '--security-group-ids', sgId,
      '--private-dns-enabled', '--query', 'VpcEndpoint.VpcEndpointId', '--output', 'text');
    let state = '';
    let eniIds: string[] = [];
    for (let i = 0; i < 30 && state !== 'available'; i++) {
      [state, eniIds] = JSON.parse(await aws('describe-vpc-endpoints', '--vpc-endpoint-ids', endpointId,
        '--query', 'VpcEndpoints[0].[State,NetworkInterfaceIds]', '--output', 'json')) as [string, string[]];
      if (state !== 'available') await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal(state, 'available');
    const ips = (await aws('describe-network-interfaces', '--network-interface-ids', ...eniIds, '--query', 'NetworkInterfaces[*].PrivateIpAddress', '--output', 'text'))
      .split(/\s+/).sort();

    const [dnsHost, dnsPort] = info.dnsServer.split(':');
    const dig = await run('dig', [`@${dnsHost}`, '-p', dnsPort, '+short', '+time=2', '+tries=1', role.private_access_host_url], env);
    assert.equal(dig.code, 0, dig.stderr);
    const answers = dig.stdout.split('\n').sort();
    assert.deepEqual(answers, ips);

    for (const port of ['5432', '6432']) {
      const psql = await run('psql', [
        `host=${role.private_access_host_url} hostaddr=${answers[0]} port=${port} user=${role.username} dbname=postgres sslmode=verify-full sslrootcert=${info.caFile} connect_timeout=5`,
        '-X', '-A', '-t', '-c', 'SELECT current_user',
      ], { PATH: process.env.PATH, PGPASSWORD: role.password });
      // The sandbox's stderr says when a forwarder could not listen (an address held by another program).
      assert.equal(psql.code, 0, `${psql.stderr}\nsandbox stderr:\n${stderr}`);
      assert.equal(psql.stdout, role.username);
    }
  });

  it('on SIGTERM stops and leaves no process, port or temporary folder', async () => {
    const tempDir = dirname(info.awsConfigFile);
    assert.ok(processesMentioning(tempDir).length >= 2, 'postgres and pgbouncer run from the temp folder');
    const tree = processTree(child.pid ?? -1);
    assert.ok(tree.length >= 4, 'npm, tsx, node, postgres, pgbouncer');
    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 0, stderr);
    assert.equal(existsSync(tempDir), false, `${tempDir} was removed`);
    assert.deepEqual(processesMentioning(tempDir), []);
    assert.deepEqual(stillRunning(tree), [], 'every process the command started is gone');
    // The interface IPs' listeners were sockets of the node process checked above (another
    // sandbox on this machine may legitimately listen on the same interface IP now).
    const [dnsHost, dnsPort] = info.dnsServer.split(':');
    for (const [host, port] of [
      ['127.0.0.1', new URL(info.ec2Endpoint).port], ['127.0.0.1', new URL(info.planetscaleApiUrl).port], [dnsHost, dnsPort],
    ]) {
      assert.ok(await portRefused(host, Number(port)), `${host}:${port} is closed`);
    }
    assert.equal(stdout.split('\n').filter((line) => line.startsWith('SANDBOX_READY ')).length, 1);
  });
});
