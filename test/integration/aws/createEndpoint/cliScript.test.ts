// The exported AWS CLI script, run by the real AWS CLI against the EC2 emulator, creates the same
// resources as the extension's own apply does (compared on a second emulator with the same seed).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import type { EndpointPlan } from '../../../../src/aws/createEndpoint/endpointPlan';
import { exportCliScript } from '../../../../src/aws/createEndpoint/planExports';
import { eventually } from '../../../harness/eventually';
import { skipOrFailInCi } from '../../support/skipOrFail';
import { createAwsTestFiles, FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, type AwsTestFiles } from '../awsFixtures';
import { FAST, GROUP_NAME, REGION, ec2For, formFor, planFor, seedIds, startEmulator, type Emulator } from './createEndpointFixtures';

const run = promisify(execFile);

/** What matters of the resources, without the ids that differ between runs. */
function shapeOf(emulator: Emulator, vpcId: string) {
  const endpoints = emulator.endpoints(REGION).filter((e) => e.vpcId === vpcId);
  const groupIds = new Set(endpoints.flatMap((e) => e.securityGroupIds));
  const groups = [...groupIds].map((id) => emulator.securityGroup(REGION, id)!);
  return {
    endpoints: endpoints.map((e) => ({
      state: e.state,
      serviceName: e.serviceName,
      type: e.endpointType,
      privateDnsEnabled: e.privateDnsEnabled,
      subnetIds: [...e.subnetIds].sort(),
      tags: e.tags,
      groupNames: e.securityGroupIds.map((id) => emulator.securityGroup(REGION, id)?.groupName),
    })),
    groups: groups.map((g) => ({
      name: g.groupName,
      description: g.description,
      tags: g.tags,
      ingress: g.ingress.map((r) => ({ protocol: r.ipProtocol, from: r.fromPort, to: r.toPort, source: r.referencedGroupId ?? r.cidrIpv4, description: r.description })).sort((a, b) => a.from - b.from),
    })),
  };
}

describe('createEndpoint/planExports: the CLI script run by the AWS CLI', function () {
  this.timeout(120_000);
  let files: AwsTestFiles;
  let dir: string;
  const emulators: Emulator[] = [];
  const clients: EC2Client[] = [];

  before(async function () {
    try {
      await run('aws', ['--version']);
    } catch {
      skipOrFailInCi(this, 'the AWS CLI `aws` is not on PATH');
    }
    files = await createAwsTestFiles();
    dir = await mkdtemp(join(tmpdir(), 'cli-script-'));
  });
  after(async () => {
    for (const c of clients) c.destroy();
    for (const e of emulators) await e.close();
    if (files) await files.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function runScript(emulator: Emulator, plan: EndpointPlan, name: string) {
    const script = join(dir, `${name}.sh`);
    await writeFile(script, exportCliScript(plan), { mode: 0o755 });
    const config = join(dir, `${name}.config`);
    await writeFile(config, '[default]\nregion = us-east-1\noutput = json\n');
    return run('bash', [script], {
      cwd: dir,
      timeout: 100_000,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: FAKE_SECRET_ACCESS_KEY,
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        POLL_SECONDS: '1',
      },
    });
  }

  it('creates one security group with the two rules and one available endpoint, as apply does', async () => {
    const byScript = await startEmulator();
    const byExtension = await startEmulator();
    emulators.push(byScript, byExtension);
    const ids = seedIds(byScript);
    assert.deepEqual(seedIds(byExtension), ids, 'the seed gives both emulators the same ids');
    const plan = planFor(formFor(ids));

    const { stdout } = await runScript(byScript, plan, 'create');
    const endpoints = byScript.endpoints(REGION).filter((e) => e.vpcId === ids.vpcId);
    assert.equal(endpoints.length, 1, 'one endpoint');
    assert.match(stdout, new RegExp(`Endpoint ${endpoints[0].endpointId} is available\\.`));
    assert.match(stdout, /Security group: sg-[0-9a-f]{17}/);
    const scripted = shapeOf(byScript, ids.vpcId);
    assert.equal(scripted.groups.length, 1, 'one security group');
    assert.equal(scripted.groups[0].name, GROUP_NAME);
    assert.deepEqual(
      scripted.groups[0].ingress.map((r) => `${r.protocol}:${r.from}-${r.to}:${r.source}`),
      [`tcp:5432-5432:${ids.appServers}`, `tcp:6432-6432:${ids.appServers}`],
    );
    assert.equal(scripted.endpoints[0].state, 'available');
    assert.equal(byScript.callCounts().CreateVpcEndpoint, 1);

    const ec2 = ec2For(files, byExtension);
    clients.push(ec2);
    const applied = await applyEndpointPlan(ec2, plan, FAST);
    assert.equal(applied.outcome, 'succeeded', applied.message);
    assert.deepEqual(scripted, shapeOf(byExtension, ids.vpcId));
  });

  it('waits through the brief InvalidVpcEndpointId.NotFound right after creation (eventual consistency)', async () => {
    const emulator = await startEmulator();
    emulators.push(emulator);
    const ids = seedIds(emulator);
    // Not visible until the script has met the NotFound at least once; then EC2 catches up.
    emulator.setFaults({ endpointNotFoundForMs: 600_000 });
    const script = runScript(emulator, planFor(formFor(ids)), 'not-found-at-first');
    const sawNotFound = eventually(() => ((emulator.callCounts().DescribeVpcEndpoints ?? 0) >= 1 ? true : undefined), 'the first describe-vpc-endpoints', 90_000)
      .then(() => emulator.setFaults({ endpointNotFoundForMs: 0 }));
    const [{ stdout }] = await Promise.all([script, sawNotFound]);
    const endpoint = emulator.endpoints(REGION).find((e) => e.vpcId === ids.vpcId);
    assert.ok(endpoint, 'the endpoint was created');
    assert.match(stdout, /is not visible yet/, 'the script met the NotFound and waited');
    assert.match(stdout, new RegExp(`Endpoint ${endpoint.endpointId} is available\\.`));
    assert.equal(emulator.callCounts().CreateVpcEndpoint, 1);
  });

  it('removes the security group it made when the endpoint cannot be created', async () => {
    const emulator = await startEmulator();
    emulators.push(emulator);
    const ids = seedIds(emulator);
    emulator.setFaults({ denyActions: ['ec2:CreateVpcEndpoint'] });
    const plan = planFor(formFor(ids));
    await assert.rejects(runScript(emulator, plan, 'denied'), (err: { code?: number; stderr?: string }) => {
      assert.notEqual(err.code, 0);
      assert.match(err.stderr ?? '', /Creation failed; removing security group sg-/);
      return true;
    });
    assert.equal(emulator.callCounts().DeleteSecurityGroup, 1);
    const groups = (emulator.snapshot() as { regions: Array<{ name: string; securityGroups: Array<{ groupName: string }> }> }).regions
      .find((r) => r.name === REGION)!
      .securityGroups.filter((g) => g.groupName === GROUP_NAME);
    assert.deepEqual(groups, []);
  });
});
