// Write connection string to .env: verified through the sandbox's private host over TLS, then
// written; every failing phase leaves the file byte for byte as it was and names itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Resolver } from 'node:dns/promises';
import * as vscode from 'vscode';
import { parse } from 'dotenv';
import { ConnectionRequest, verifyAndWrite } from '../../../../src/commands/writeConnectionString/writeConnectionString';
import type { ResolvedBranch } from '../../../../src/commands/branchArgument';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';

const yes = async () => true;

const ORIGINAL = '# my app\r\nAPP_NAME="shop"\r\n\r\nDATABASE_URL=postgres://old@localhost/dev # stale\r\nSECRET_KEY=$keep\r\n';

describe('write connection string to .env', function () {
  this.timeout(90_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let folder: vscode.WorkspaceFolder;
  let envFile: string;
  let branch: ResolvedBranch;
  let endpointId: string | undefined;
  let role: { username: string; password: string; database: string; roleName: string; created: boolean };

  const request = (overrides: Partial<ConnectionRequest> = {}): ConnectionRequest => ({
    branch,
    role,
    port: 6432,
    client: { kind: 'node-postgres', label: 'node-postgres (pg)', formatOptions: {} },
    target: { folder, uri: vscode.Uri.file(envFile), exists: true },
    ...overrides,
  });

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    folder = vscode.workspace.workspaceFolders![0];
    envFile = path.join(folder.uri.fsPath, '.env');
    const client = (await api.services.planetscale.client())!;
    const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true, ...privateInfo, region: 'us-east-1' };
    const created = await client.createRole(info.planetscaleOrg, 'orders', 'main', { inheritedRoles: ['pg_read_all_data'] });
    role = { username: created.username, password: created.password, database: created.database_name, roleName: created.name, created: true };
  });

  beforeEach(async () => {
    fs.writeFileSync(envFile, ORIGINAL);
    // The command reads an open document before the disk: wait until VS Code has reloaded it.
    await eventually(async () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === envFile);
      return !open || open.getText() === ORIGINAL ? true : undefined;
    }, 'the open .env document to match the file');
  });

  // Later suites create their own private-DNS endpoint in app-vpc, which this one would clash with.
  after(async () => {
    if (endpointId) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    await eventually(async () => {
      const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [endpointId ?? 'none'] }] }));
      return (out.VpcEndpoints ?? []).every((e) => e.State?.toLowerCase() === 'deleted') ? true : undefined;
    }, 'the endpoint to be deleted');
  });

  it('fails at DNS while no endpoint with private DNS exists, and leaves the file untouched', async () => {
    await assert.rejects(verifyAndWrite(api.services, api.awsExplorer, request(), yes), /DNS/);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('shows a new private-DNS endpoint as available in the AWS view (the next tests connect through it)', async () => {
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-writeenv', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const [match] = api.awsExplorer.endpointsForService(branch.serviceName).filter((m) => m.endpoint.id === endpointId);
      return match?.endpoint.state === 'available' ? true : undefined;
    }, 'the endpoint to be available');
  });

  it('verifies through DNS, TCP, TLS, login and a query, then writes only the managed key', async () => {
    const outcome = await verifyAndWrite(api.services, api.awsExplorer, request(), yes);
    assert.equal(outcome.written, true);
    const [verification] = outcome.verifications;
    assert.deepEqual(verification.phases.map((p) => [p.phase, p.status]), [['dns', 'pass'], ['tcp', 'pass'], ['tls', 'pass'], ['auth', 'pass'], ['query', 'pass']]);
    const text = fs.readFileSync(envFile, 'utf8');
    assert.ok(text.startsWith('# my app\r\nAPP_NAME="shop"\r\n\r\nDATABASE_URL='), 'the lines before the managed key are untouched, CRLF kept');
    assert.ok(text.endsWith('SECRET_KEY=$keep\r\n'), 'unrelated keys are untouched');
    const url = parse(text).DATABASE_URL;
    assert.match(url, new RegExp(`^postgresql://${role.username.replace('.', '\\.')}:[^@]+@${branch.privateHost.replace(/\./g, '\\.')}:6432/`));
    assert.match(url, /sslmode=verify-full/);
    assert.doesNotMatch(url, /sslrootcert=system/);
  });

  it('writes a string that psql accepts with verify-full through the private host', async () => {
    await verifyAndWrite(api.services, api.awsExplorer, request(), yes);
    const url = parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL;
    const [host, port] = info.dnsServer.split(':');
    const resolver = new Resolver();
    resolver.setServers([`${host}:${port}`]);
    const [ip] = await resolver.resolve4(branch.privateHost);
    const out = execFileSync('psql', [`${url}&hostaddr=${ip}`, '-Atc', 'select current_user'], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });
    assert.equal(out.trim(), role.username);
  });

  it('asks before replacing an existing key, shows the old value in the diff, and keeps the file when declined', async () => {
    const asked: string[] = [];
    const outcome = await verifyAndWrite(api.services, api.awsExplorer, request(), async (message, diff) => {
      asked.push(message, diff);
      return false;
    });
    assert.equal(outcome.written, false);
    assert.match(asked[0], /already sets DATABASE_URL/);
    assert.match(asked[1], /-DATABASE_URL=postgres:\/\/old@localhost\/dev/);
    assert.equal(asked[1].includes(role.password), false, 'the diff masks the password');
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('fails at authentication with a wrong password and leaves the file untouched', async () => {
    await assert.rejects(verifyAndWrite(api.services, api.awsExplorer, request({ role: { ...role, password: 'wrong-password-1' } })), /(Login|Authentication|auth)[^.]*failed/i);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('fails at TLS against the wrong CA and leaves the file untouched', async () => {
    const config = vscode.workspace.getConfiguration('planetscalePrivateLink');
    const wrongCa = path.join(folder.uri.fsPath, 'wrong-ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${wrongCa}.key`, '-out', wrongCa, '-days', '1', '-subj', '/CN=Not the sandbox CA'], { stdio: 'ignore' });
    await config.update('tls.caFile', wrongCa, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(verifyAndWrite(api.services, api.awsExplorer, request(), yes), /TLS/);
      assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
    } finally {
      await config.update('tls.caFile', info.caFile, vscode.ConfigurationTarget.Global);
    }
  });

  it('never writes the password to the log', async () => {
    await verifyAndWrite(api.services, api.awsExplorer, request({ port: 'both' }), yes);
    const logDir = api.services.context.logUri.fsPath;
    const logs = fs.readdirSync(logDir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')).join('\n');
    assert.match(logs, /Verification of /, 'the verification was logged');
    assert.equal(logs.includes(role.password), false);
    assert.equal(logs.includes(encodeURIComponent(role.password)), false);
  });
});
