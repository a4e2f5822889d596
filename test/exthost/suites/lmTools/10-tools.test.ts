// Every language model tool through vscode.lm.invokeTool (no chat session, so the tools ask their
// own confirmation, scripted here), against the sandbox: orders/main starts without an endpoint,
// the tools say so and why; the create tool makes one only after the user confirms the plan; then
// status, diagnose and verify prove the path; the .env tool writes only after confirmation.
// No result may carry the service token or a database password.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'dotenv';
import { DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { rolePasswordKey } from '../../../../src/commands/writeConnectionString/connectionInputs';
import { CONFIRMING_TOOLS, READ_ONLY_TOOLS } from '../../../../src/lmTools/toolNames';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { ScriptedConfirmation, invokeTool, type ToolOutput } from '../../support/lmTools';
import { US_EAST_SERVICE, groupId, testEc2, vpcId } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { control, sandboxInfo } from '../../support/sandboxInfo';

const DEFAULT_ENDPOINT_DELAY_MS = 4000;

describe('language model tools', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  const confirmation = new ScriptedConfirmation();
  const outputs: ToolOutput[] = [];
  const secrets: string[] = [info.planetscaleToken, info.planetscaleTokenId];
  let api: ExtensionApi;
  let appVpc: string;
  let appServers: string;
  let privateHost: string;
  let endpointId: string | undefined;
  let envFile: string;

  const call = async (name: string, input: object): Promise<ToolOutput> => {
    const out = await invokeTool(name, input);
    outputs.push(out);
    return out;
  };
  /** The extension's own log (what it wrote so far). */
  const extensionLog = () => {
    const dir = api.services.context.logUri.fsPath;
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n') : '';
  };
  const planInput = () => ({ database: 'orders', branch: 'main', vpcId: appVpc, clientSecurityGroupIds: [appServers] });
  const endpointsInAppVpc = async () =>
    (await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [US_EAST_SERVICE] }, { Name: 'vpc-id', Values: [appVpc] }] }))).VpcEndpoints?.filter((e) => e.State?.toLowerCase() !== 'deleted') ?? [];

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    api.languageModelTools.confirmations.use(confirmation);
    appVpc = await vpcId('app-vpc');
    appServers = await groupId(appVpc, 'app-servers');
    const client = (await api.services.planetscale.client())!;
    privateHost = (await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main')).privateHost;
    envFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
  });

  after(async () => {
    api.languageModelTools.confirmations.use(undefined);
    await control('/endpoint-delay', { ms: DEFAULT_ENDPOINT_DELAY_MS });
    const ec2 = testEc2();
    const vpcs = [appVpc, await vpcId('legacy-vpc')];
    const mine = async () => (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [US_EAST_SERVICE] }, { Name: 'vpc-id', Values: vpcs }] }))).VpcEndpoints?.filter((e) => e.State?.toLowerCase() !== 'deleted') ?? [];
    const ids = (await mine()).map((e) => e.VpcEndpointId!);
    if (ids.length) await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ids }));
    await eventually(async () => ((await mine()).length === 0 ? true : undefined), 'the endpoints to be deleted', 60_000);
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: vpcs }, { Name: 'group-name', Values: ['PScalePrivateLinkEndpointSG'] }] }));
    for (const g of groups.SecurityGroups ?? []) await eventually(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: g.GroupId })).then(() => true), `deleting ${g.GroupId}`, 60_000);
  });

  it('contributes every tool with a description and an input schema, and registers them all', () => {
    const tools = new Map(vscode.lm.tools.map((t) => [t.name, t]));
    for (const name of [...READ_ONLY_TOOLS, ...CONFIRMING_TOOLS]) {
      const tool = tools.get(name);
      assert.ok(tool, `${name} is offered`);
      assert.ok(tool.description.length > 80, `${name} has a precise model description`);
      assert.equal((tool.inputSchema as { type?: string }).type, 'object');
    }
    assert.deepEqual(api.languageModelTools.registered().sort(), [...READ_ONLY_TOOLS, ...CONFIRMING_TOOLS].sort());
  });

  it('lists orders/main with its Private Host and service name, served by no endpoint yet', async () => {
    const out = await call('planetscalePrivateLink_listBranches', { database: 'orders' });
    assert.match(out.text, new RegExp(`${info.planetscaleOrg}/orders/main \\(production\\): Private Host ${privateHost.replace(/\./g, '\\.')}, Private Service Name ${US_EAST_SERVICE}`));
    assert.match(out.text, /no interface endpoint serves it yet/);
    const json = out.json as { databases: Array<{ branches: Array<{ branch: string; endpoints: unknown[] }> }> };
    assert.equal(json.databases[0].branches.find((b) => b.branch === 'main')?.endpoints.length, 0);
  });

  it('says a bad input names the field and does nothing', async () => {
    const out = await call('planetscalePrivateLink_planEndpoint', { database: 'orders', branch: 'main', vpcId: 'vpc-nope' });
    assert.match(out.text, /^Bad input, nothing was done\. vpcId: "vpc-nope" is not valid/);
    const traversal = await call('planetscalePrivateLink_diagnose', { database: '../orders', branch: 'main' });
    assert.match(traversal.text, /^Bad input, nothing was done\. database:/);
  });

  it('diagnose says why orders/main cannot connect: no endpoint serves it', async () => {
    const out = await call('planetscalePrivateLink_diagnose', { database: 'orders', branch: 'main' });
    assert.match(out.text, new RegExp(`No interface endpoint serves ${info.planetscaleOrg}/orders/main`));
    assert.match(out.text, /plan endpoint \/ create endpoint tools/);
  });

  it('plans the endpoint with the form\'s steps, cost, CLI and Terraform, and creates nothing', async () => {
    const out = await call('planetscalePrivateLink_planEndpoint', planInput());
    assert.match(out.text, new RegExp(`Plan for a PrivateLink endpoint serving ${info.planetscaleOrg}/orders/main`));
    assert.match(out.text, /Not given, so the form's default: subnets: the roomiest one in each zone the service offers: subnet-[0-9a-f]+, subnet-/);
    assert.match(out.text, /Cost: about \$[\d.]+ a month/);
    assert.match(out.text, /aws ec2 create-vpc-endpoint/);
    assert.match(out.text, /resource "aws_vpc_endpoint"/);
    assert.match(out.text, /Nothing was created/);
    assert.equal((await endpointsInAppVpc()).length, 0);
  });

  it('fills what the input leaves out with the form\'s defaults, and reports the form\'s problems by the tool\'s field names', async () => {
    const defaults = await call('planetscalePrivateLink_planEndpoint', { database: 'orders', branch: 'main', vpcId: appVpc });
    assert.match(defaults.text, new RegExp(`Not given, so the form's default: clients allowed in: security group ${appServers}`));
    const out = await call('planetscalePrivateLink_planEndpoint', { database: 'orders', branch: 'main', vpcId: appVpc, existingSecurityGroupId: 'sg-0123456789abcdef0' });
    assert.match(out.text, /No plan for .*problem/);
    assert.match(out.text, /- existingSecurityGroupId: /);
    assert.equal((await endpointsInAppVpc()).length, 0);
  });

  it('asks before creating, with the plan in the question, and creates nothing when declined', async () => {
    confirmation.answerNext(false);
    const out = await call('planetscalePrivateLink_createEndpoint', planInput());
    assert.match(out.text, /declined: nothing was created/);
    const asked = confirmation.asked.at(-1)!;
    assert.match(asked.title, new RegExp(`Create an AWS PrivateLink endpoint for ${info.planetscaleOrg}/orders/main in ${appVpc}\\?`));
    assert.match(asked.detail, /Cost: about \$/);
    assert.match(asked.detail, /aws ec2 create-vpc-endpoint/);
    assert.equal((await endpointsInAppVpc()).length, 0);
    // VS Code asked the tool for its confirmation (prepareInvocation) before invoking it: in a chat
    // that is the question the user answers; outside one, VS Code's dialog and then the tool's own.
    await eventually(async () => (new RegExp(`Tool planetscalePrivateLink_createEndpoint: asks the user: Create an AWS PrivateLink endpoint for ${info.planetscaleOrg}/orders/main in ${appVpc}\\?`).test(extensionLog()) ? true : undefined), 'the prepared confirmation in the log');
    const groups = await testEc2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [appVpc] }, { Name: 'group-name', Values: ['PScalePrivateLinkEndpointSG'] }] }));
    assert.equal(groups.SecurityGroups?.length ?? 0, 0, 'no security group was created either');
  });

  it('creates the endpoint after the user confirms, waits for available, and watches it', async () => {
    confirmation.answerNext(true);
    const out = await call('planetscalePrivateLink_createEndpoint', planInput());
    const match = /Endpoint (vpce-[0-9a-f]+)/.exec(out.text);
    assert.ok(match, `the result names the endpoint: ${out.text}`);
    endpointId = match[1];
    const [created] = await endpointsInAppVpc();
    assert.equal(created.VpcEndpointId, endpointId);
    assert.equal(created.State?.toLowerCase(), 'available');
    assert.equal(created.PrivateDnsEnabled, true);
    assert.ok(api.endpointWatcher.isWatched(endpointId), 'the workspace watches the new endpoint');
  });

  it('reports the watched endpoint\'s status and lists it in the VPC', async () => {
    const status = await call('planetscalePrivateLink_endpointStatus', {});
    assert.match(status.text, new RegExp(`${endpointId} .*: available, private DNS on`, 'i'));
    assert.match(status.text, /does not prove a database connection/);
    const one = await call('planetscalePrivateLink_endpointStatus', { endpointId });
    assert.match(one.text, /The workspace watches it for .*orders\/main/);
    const listed = await call('planetscalePrivateLink_listEndpoints', { vpcId: appVpc, region: 'us-east-1' });
    assert.match(listed.text, new RegExp(`- ${endpointId} \\(planetscale-orders-main\\) in ${appVpc} us-east-1: available, private DNS on`, 'i'));
  });

  it('diagnoses orders/main through its endpoint with every check, evidence and no failure', async () => {
    const out = await call('planetscalePrivateLink_diagnose', { database: 'orders', branch: 'main', clientSecurityGroupIds: [appServers] });
    assert.match(out.text, new RegExp(`Diagnosis of ${endpointId} \\(us-east-1, ${appVpc}\\) for .*orders/main: overall PASS`));
    for (const title of ['Endpoint state', 'VPC DNS attributes', 'Security groups', 'Network ACLs', 'DNS answers for the Private Host', 'Connections to the endpoint']) {
      assert.match(out.text, new RegExp(`\\[PASS\\] \\d\\. ${title}`), `${title} passed`);
    }
    assert.match(out.text, /Not proven here: login and a query/);
  });

  it('does not verify without a role whose password VS Code keeps, and says what was not proven', async () => {
    const out = await call('planetscalePrivateLink_verifyConnection', { database: 'orders', branch: 'main' });
    assert.match(out.text, /^Not verified: nothing was proven/);
    assert.equal((out.json as { verified: boolean }).verified, false);
  });

  it('verifies DNS, TCP, TLS, login and query as a kept role, and writes nothing', async () => {
    const client = (await api.services.planetscale.client())!;
    const role = await client.createRole(info.planetscaleOrg, 'orders', 'main', { inheritedRoles: ['pg_read_all_data'] });
    secrets.push(role.password);
    await api.services.context.secrets.store(rolePasswordKey({ organization: info.planetscaleOrg, database: 'orders', branch: 'main' }, role.id), role.password);
    const out = await call('planetscalePrivateLink_verifyConnection', { database: 'orders', branch: 'main', role: role.name, port: 'both' });
    assert.match(out.text, new RegExp(`^Verified the private connection of ${info.planetscaleOrg}/orders/main as role ${role.name}`));
    const results = (out.json as { verified: boolean; results: Array<{ phases: Array<{ phase: string; status: string }> }> });
    assert.equal(results.verified, true);
    assert.equal(results.results.length, 2, 'both ports');
    for (const r of results.results) assert.deepEqual(r.phases.map((p) => `${p.phase}:${p.status}`), ['dns:pass', 'tcp:pass', 'tls:pass', 'auth:pass', 'query:pass']);
    assert.equal(fs.existsSync(envFile), false, 'nothing was written');
  });

  it('asks before writing .env, naming the file and the variables, and writes nothing when declined', async () => {
    confirmation.answerNext(false);
    const out = await call('planetscalePrivateLink_writeConnectionString', { database: 'orders', branch: 'main', client: 'prisma', port: 'both' });
    assert.match(out.text, /declined: nothing was verified or written/);
    const asked = confirmation.asked.at(-1)!;
    assert.match(asked.title, /and write DATABASE_URL, DIRECT_URL to .*\.env\?/);
    await eventually(async () => (/Tool planetscalePrivateLink_writeConnectionString: asks the user: Verify the private connection of .*orders\/main and write DATABASE_URL, DIRECT_URL to/.test(extensionLog()) ? true : undefined), 'the prepared confirmation in the log');
    assert.match(asked.detail, new RegExp(`File: ${envFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(created\\)`));
    assert.equal(fs.existsSync(envFile), false);
  });

  it('writes the verified connection string to .env after the user confirms', async () => {
    confirmation.answerNext(true);
    const out = await call('planetscalePrivateLink_writeConnectionString', { database: 'orders', branch: 'main', client: 'node-postgres' });
    assert.match(out.text, /Verified .*6432.* Wrote DATABASE_URL to .*\.env\./);
    const url = parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL;
    assert.match(url, new RegExp(`^postgresql://[^:]+:[^@]+@${privateHost.replace(/\./g, '\\.')}:6432/`));
    assert.match(url, /sslmode=verify-full/);
  });

  it('creates a new role only for a proven path, and deletes it again when the user declines replacing .env\'s values', async () => {
    const client = (await api.services.planetscale.client())!;
    const before = (await client.listRoles(info.planetscaleOrg, 'orders', 'main')).map((r) => r.id).sort();
    const written = fs.readFileSync(envFile, 'utf8');
    confirmation.answerNext(true, false);
    const out = await call('planetscalePrivateLink_writeConnectionString', { database: 'orders', branch: 'main', client: 'node-postgres', newRole: 'readOnly' });
    assert.match(out.text, /Nothing was written to .*: the user declined replacing the existing values\./);
    assert.match(confirmation.asked.at(-2)!.detail, /a new PlanetScale role \(pg_read_all_data\) is created .* once DNS, TCP and TLS pass/);
    assert.match(confirmation.asked.at(-1)!.title, /already sets DATABASE_URL\. Replace it\?/);
    assert.equal(fs.readFileSync(envFile, 'utf8'), written, 'the file is unchanged');
    assert.deepEqual((await client.listRoles(info.planetscaleOrg, 'orders', 'main')).map((r) => r.id).sort(), before, 'the new role was deleted again');
  });

  it('honours cancellation before it starts', async () => {
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('planetscalePrivateLink_listEndpoints', { toolInvocationToken: undefined, input: {} }, source.token)));
  });

  it('stops waiting for a new endpoint when the call is cancelled (the endpoint stays, as the form says)', async () => {
    await control('/endpoint-delay', { ms: 600_000 });
    const legacy = await vpcId('legacy-vpc');
    const inLegacy = async () => (await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [US_EAST_SERVICE] }, { Name: 'vpc-id', Values: [legacy] }] }))).VpcEndpoints ?? [];
    confirmation.answerNext(true);
    const source = new vscode.CancellationTokenSource();
    const running = Promise.resolve(vscode.lm.invokeTool('planetscalePrivateLink_createEndpoint', { toolInvocationToken: undefined, input: { database: 'orders', branch: 'main', vpcId: legacy, clientCidrs: ['127.11.0.0/16'], privateDns: false } }, source.token));
    running.catch(() => undefined);
    const [pending] = await eventually(async () => ((await inLegacy()).length ? inLegacy() : undefined), 'the endpoint to exist', 60_000);
    source.cancel();
    await assert.rejects(running);
    await eventually(async () => (/Tool planetscalePrivateLink_createEndpoint cancelled after/.test(extensionLog()) ? true : undefined), 'the tool to stop after the cancellation', 30_000);
    assert.equal(pending.State?.toLowerCase(), 'pending', 'the endpoint was still pending: the tool stopped waiting, not finished');
  });

  it('never returned the service token or a database password', () => {
    assert.ok(outputs.length >= 15);
    for (const out of outputs) {
      const all = `${out.text}\n${JSON.stringify(out.json ?? null)}`;
      for (const secret of secrets) {
        assert.equal(all.includes(secret), false, `a result contains a secret: ${out.text.slice(0, 120)}`);
        assert.equal(all.includes(encodeURIComponent(secret)), false);
      }
    }
  });
});
