// The two trees against the sandbox: seeded data, the branch ↔ endpoint link, errors in place.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ExtensionApi, childrenOf, extensionApi, nodeAt } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, groupId, subnetId, testEc2, vpcId } from '../../support/sandboxEc2';

const SERVICE = US_EAST_SERVICE;

async function setProfile(profile: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('planetscalePrivateLink').update('aws.profile', profile, vscode.ConfigurationTarget.Global);
}

describe('explorer trees against the sandbox', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const info = sandboxInfo();

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
  });

  afterEach(async () => {
    await control('/faults/clear');
  });

  it('shows profile with account id → region → seeded VPCs with CIDR and default marker', async () => {
    api.awsExplorer.refresh();
    const profile = await nodeAt(api.awsExplorer, info.awsProfile);
    assert.equal(profile.description, 'account 123456789012');
    const region = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1');
    const vpcs = await childrenOf(api.awsExplorer, region.node);
    const byName = new Map(vpcs.map((v) => [v.label, v.description]));
    // The sandbox may have moved its 127.x networks away from another sandbox's: ask EC2.
    const cidr = async (name: string) => (await testEc2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }))).Vpcs![0].CidrBlock!;
    assert.equal(byName.get('app-vpc'), `${await vpcId('app-vpc')} · ${await cidr('app-vpc')} · 0 endpoints`);
    assert.match(await cidr('app-vpc'), /^127\.\d+\.0\.0\/16$/);
    assert.match(byName.get('legacy-vpc') ?? '', new RegExp(` · ${(await cidr('legacy-vpc')).replace(/\./g, '\\.')} · `));
    assert.match(byName.get('default') ?? '', new RegExp(` · ${(await cidr('default')).replace(/\./g, '\\.')} · default · `));
  });

  it('warns on a VPC whose DNS hostnames are off once it is expanded', async () => {
    const legacy = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1', 'legacy-vpc');
    const children = await childrenOf(api.awsExplorer, legacy.node);
    assert.match(children[0].label, /Private DNS needs DNS support and DNS hostnames/);
    const after = api.awsExplorer.getTreeItem(legacy.node);
    assert.equal(after.contextValue, 'vpc:dnsOff');
    assert.equal((after.iconPath as vscode.ThemeIcon).id, 'warning');
    const app = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1', 'app-vpc');
    await childrenOf(api.awsExplorer, app.node);
    assert.equal(api.awsExplorer.getTreeItem(app.node).contextValue, 'vpc');
  });

  it('shows organization → databases (MySQL greyed) → branches with production badge → hosts', async () => {
    api.planetscaleExplorer.refresh();
    const org = await nodeAt(api.planetscaleExplorer, info.planetscaleOrg);
    const dbs = await childrenOf(api.planetscaleExplorer, org.node);
    const legacy = dbs.find((d) => d.label === 'legacy');
    assert.equal(legacy?.description, 'PrivateLink for Postgres only');
    assert.equal(legacy?.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.ok(dbs.some((d) => d.label === 'orders' && /^Postgres/.test(d.description)));
    // orders is acme's only Postgres database in the AWS explorer's region (us-east-1): it starts open.
    assert.deepEqual(api.awsExplorer.loadedRegions(), ['us-east-1']);
    assert.equal(dbs.find((d) => d.label === 'orders')?.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(dbs.find((d) => d.label === 'analytics')?.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = await childrenOf(api.planetscaleExplorer, (await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders')).node);
    // The database also lists its public access (after the branches).
    const branches = children.filter((c) => /^branch/.test(String(c.item.contextValue)));
    assert.deepEqual(branches.map((b) => b.label).slice(0, 1), ['main']);
    assert.equal(branches[0].description, 'production');
    assert.deepEqual(branches.map((b) => b.label).sort(), ['dev', 'feature-x', 'main']);
    const main = await childrenOf(api.planetscaleExplorer, branches[0].node);
    assert.equal(main[0].label, 'Private Host');
    assert.match(main[0].description, /^[a-z0-9-]+\.private-pg\.psdb\.cloud$/);
    assert.equal(main[1].label, 'Private Service Name');
    assert.equal(main[1].description, SERVICE);
    assert.match(main[2].label, /Create endpoint/);
  });

  it('says early that private connections are not enabled for a branch (private_edge_connectivity false)', async () => {
    api.planetscaleExplorer.refresh();
    const featureX = await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders', 'feature-x');
    assert.match(featureX.description, /private connections off/);
    const children = await childrenOf(api.planetscaleExplorer, featureX.node);
    assert.match(children[0].label, /^Private connections are not enabled for branch feature-x; enable them in PlanetScale/);
    const dev = await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders', 'dev');
    assert.doesNotMatch(dev.description, /private connections off/);
    assert.ok(!(await childrenOf(api.planetscaleExplorer, dev.node)).some((c) => /not enabled/.test(c.label)), 'an enabled branch has no warning');
  });

  it('links a branch to the endpoint that serves its service, with its state', async () => {
    const ec2 = testEc2();
    const vpc = await vpcId('app-vpc');
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface',
      VpcId: vpc,
      ServiceName: SERVICE,
      SubnetIds: [await subnetId(vpc, 'us-east-1a')],
      SecurityGroupIds: [await groupId(vpc, 'app-servers')],
      PrivateDnsEnabled: false,
    }));
    const endpointId = created.VpcEndpoint!.VpcEndpointId!;
    try {
      api.awsExplorer.refresh();
      const app = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1', 'app-vpc');
      const endpoints = (await childrenOf(api.awsExplorer, app.node)).filter((c) => String(c.item.contextValue).startsWith('endpoint:'));
      assert.equal(endpoints.length, 1);
      assert.match(endpoints[0].description, /^(pending|available) · vpce-svc-0a1b2c3d4e5f60001 · private DNS off$/);
      api.planetscaleExplorer.refresh();
      const main = await childrenOf(api.planetscaleExplorer, (await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders', 'main')).node);
      const link = main.find((c) => c.label.startsWith('Endpoint '));
      assert.ok(link, `no endpoint link under orders/main: ${main.map((c) => c.label).join(', ')}`);
      assert.match(link.description, /vpc-[0-9a-f]{17} · us-east-1$/);
    } finally {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    }
  });

  it('shows a denied action as an error item naming the IAM action', async () => {
    await control('/faults', { denyActions: ['DescribeVpcs'] });
    api.awsExplorer.refresh();
    const region = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1');
    assert.equal(region.description, 'failed to load');
    const [error] = await childrenOf(api.awsExplorer, region.node);
    assert.equal(error.item.contextValue, 'error:accessDenied');
    assert.match(error.label, /ec2:DescribeVpcs/);
  });

  it('shows expired credentials as an error item, not a notification', async () => {
    const script = `${info.awsConfigFile}.expired.sh`;
    fs.writeFileSync(script, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIDEXPIRED","SecretAccessKey":"x","SessionToken":"y","Expiration":"2020-01-01T00:00:00Z"}'\n`, { mode: 0o755 });
    fs.appendFileSync(info.awsConfigFile, `\n[profile expired-creds]\nregion = us-east-1\ncredential_process = ${script}\n`);
    try {
      await setProfile('expired-creds');
      api.awsExplorer.refresh();
      const root = await childrenOf(api.awsExplorer);
      const texts = JSON.stringify(await Promise.all(root.map(async (r) => [r.label, ...(await childrenOf(api.awsExplorer, r.node)).flatMap((c) => [c.label, c.item.contextValue])])));
      assert.match(texts, /error:(noCredentials|expiredToken)/);
      assert.doesNotMatch(texts, /AKIDEXPIRED/);
    } finally {
      await setProfile(undefined);
      await vscode.workspace.getConfiguration('planetscalePrivateLink').update('aws.profile', info.awsProfile, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a rejected PlanetScale token as an error item with "Set Service Token"', async () => {
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, 'not-the-token');
    try {
      api.planetscaleExplorer.refresh();
      const [error] = await childrenOf(api.planetscaleExplorer);
      assert.equal(error.item.contextValue, 'error:unauthorized');
      assert.equal(error.item.command?.command, 'planetscalePrivateLink.signInPlanetScale');
      assert.doesNotMatch(error.label, /not-the-token/);
    } finally {
      await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    }
  });
});
