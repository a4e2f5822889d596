// Issue 15 item 6, through the shipped Diagnose command on the laptop: this machine's DNS shows it
// is outside app-vpc, so Diagnose offers an instance there; with app-instance chosen, the DNS
// answers and TCP/TLS come from the probe it ran through the sandbox's Systems Manager, and the
// security groups and NACLs are evaluated for app-instance's own group, address and subnet. The
// second run asks nothing. With the endpoint's group no longer admitting app-servers (changed
// through the EC2 API), the security-group check fails for app-instance's group, with the rule to
// add, and the silent connections on the instance are explained by it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AuthorizeSecurityGroupIngressCommand, DescribeInstancesCommand, DescribeVpcEndpointsCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import type { DiagnoseResult } from '../../../../src/diagnose/diagnoseTypes';
import { ExtensionApi, extensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, groupId, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { scriptUser, type ScriptedUser, type UserScript } from '../../support/scriptedUser';
import { Commands } from '../../../../src/commands/commandIds';

const VANTAGES = 'planetscalePrivateLink.diagnose.vantages';

function checkOf(result: DiagnoseResult, id: string) {
  const found = result.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const explain = (result: DiagnoseResult) => result.checks.map((c) => `${c.id}: ${c.status}: ${c.summary}\n    ${c.evidence.join('\n    ')}`).join('\n');

describe('laptop: Diagnose from an instance in the VPC', function () {
  this.timeout(180_000);
  const info = sandboxInfo();
  const ec2 = testEc2();
  let api: ExtensionApi;
  let branch: Record<string, unknown>;
  let endpointId: string;
  let endpointSgId: string;
  let appSgId: string;
  let instance: { id: string; subnetId: string; ip: string };

  async function diagnose(script: UserScript): Promise<{ user: ScriptedUser; result: DiagnoseResult }> {
    const before = api.diagnose.lastResult;
    const user = scriptUser(script);
    try {
      await vscode.commands.executeCommand(Commands.diagnose, { payload: branch });
    } finally {
      user.restore();
    }
    const errors = user.notifications.filter((n) => n.kind === 'error');
    assert.deepEqual(errors, [], 'Diagnose showed an error');
    const result = api.diagnose.lastResult;
    assert.ok(result && result !== before, 'Diagnose did not finish a new diagnosis');
    return { user, result };
  }

  before(async () => {
    assert.equal(info.vantage, 'laptop');
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    // The probe script's confirmation (shown once) is covered by the verification tests.
    await api.services.context.workspaceState.update('planetscalePrivateLink.vantage.scriptSeen', true);
    await api.services.context.workspaceState.update(VANTAGES, undefined);
    const client = (await api.services.planetscale.client())!;
    const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true, ...privateInfo, region: 'us-east-1' };
    const available = async () => {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [String(privateInfo.serviceName)] }] }));
      return (out.VpcEndpoints ?? []).find((e) => String(e.State).toLowerCase() === 'available' && e.PrivateDnsEnabled);
    };
    // An earlier file of this suite may have made the endpoint already.
    if (!(await available())) await createAppEndpoint({ groupName: 'laptop-diagnose', privateDns: true });
    const endpoint = await eventually(available, 'an available endpoint with private DNS', 60_000);
    endpointId = endpoint.VpcEndpointId!;
    endpointSgId = endpoint.Groups![0].GroupId!;
    appSgId = await groupId(endpoint.VpcId!, 'app-servers');
    const described = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['app-instance'] }] }));
    const found = described.Reservations![0].Instances![0];
    instance = { id: found.InstanceId!, subnetId: found.SubnetId!, ip: found.PrivateIpAddress! };
  });

  it('offers an instance because this machine is outside the VPC; DNS, TCP and TLS come from app-instance and pass; the second run asks nothing', async () => {
    const asked: string[] = [];
    const { result } = await diagnose({
      picks: [/app-instance$/],
      answerModal: (m) => {
        asked.push(m);
        return /outside vpc-.*Diagnose from an instance inside it\?/.test(m) ? 'Diagnose from an Instance' : undefined;
      },
    });
    assert.equal(asked.length, 1, asked.join(' | '));
    assert.equal(result.endpointId, endpointId);
    assert.deepEqual(result.vantage && { id: result.vantage.instanceId, subnet: result.vantage.subnetId, groups: result.vantage.securityGroupIds }, { id: instance.id, subnet: instance.subnetId, groups: [appSgId] });
    // The rules were evaluated for the instance: its group, its address, its subnet.
    assert.deepEqual(result.client, { securityGroupIds: [appSgId], cidrs: [`${instance.ip}/32`], subnetIds: [instance.subnetId] });
    const seen = `as seen from ${instance.id} (app-instance) in ${instance.subnetId}`;
    for (const id of ['endpointState', 'vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity']) {
      assert.equal(checkOf(result, id).status, 'pass', explain(result));
    }
    const dns = checkOf(result, 'dnsAnswers');
    assert.equal(dns.summary, `A${seen.slice(1)}: the Private Host resolves to exactly the endpoint's interface IPs.`);
    assert.match(dns.evidence[0], new RegExp(`^measured ${esc(seen)} through Systems Manager \\(command [0-9a-f-]{36}\\)$`));
    assert.match(dns.evidence.join('\n'), new RegExp(`via the VPC resolver on ${instance.id}: `));
    const connections = checkOf(result, 'connectivity');
    assert.equal(connections.summary, `A${seen.slice(1)}: every interface answers on 5432 and 6432 (TLS).`);
    assert.match(connections.evidence.join('\n'), /tls ok \(verify-full via (openssl|python3) /);
    assert.match(connections.evidence.join('\n'), new RegExp(`login and query not tried from ${instance.id}: the probe carries no credentials`));
    // The panel and the report say where it was measured.
    assert.match(api.diagnose.view?.vantage ?? '', new RegExp(`^${esc(seen)} \\(${esc(instance.ip)}, ${appSgId}\\): DNS answers, TCP and TLS measured there`));
    assert.equal(api.diagnose.view?.loginChecked, false);
    assert.match(api.diagnose.reportText(result), new RegExp(`\\nVantage: ${esc(seen)} `));

    // Asked once: the instance is remembered for the VPC, nothing is asked again.
    const second = await diagnose({ picks: [] });
    assert.equal(second.user.notifications.filter((n) => n.modal).length, 0);
    assert.equal(second.result.vantage?.instanceId, instance.id);
    assert.equal(checkOf(second.result, 'connectivity').status, 'pass', explain(second.result));
  });

  it('endpoint group no longer admitting app-servers: the security-group check fails for app-instance\'s group with the rule to add', async () => {
    const permissions = [5432, 6432].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: appSgId }] }));
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: endpointSgId, IpPermissions: permissions }));
    try {
      const { result } = await diagnose({ picks: [] });
      assert.equal(result.vantage?.instanceId, instance.id);
      const groups = checkOf(result, 'securityGroups');
      assert.equal(groups.status, 'fail', explain(result));
      assert.match(groups.evidence[0], new RegExp(`^client: ${appSgId}, ${instance.ip.replace(/\./g, '\\.')}/32$`));
      assert.match(groups.fix!.cliCommand, new RegExp(`authorize-security-group-ingress --region us-east-1 .*--group-id ${endpointSgId} .*"FromPort":5432.*"GroupId":"${appSgId}".*"FromPort":6432.*"GroupId":"${appSgId}"`));
      assert.deepEqual(groups.fix!.apply!.operations.map((o) => o.action === 'authorizeSecurityGroupIngress' && o.permissions.map((p) => p.sourceGroupId)), [[appSgId, appSgId]]);
      // DNS still answers on the instance; its connections get no reply, as the group check predicts.
      assert.equal(checkOf(result, 'dnsAnswers').status, 'pass', explain(result));
      const connections = checkOf(result, 'connectivity');
      assert.equal(connections.status, 'warn', explain(result));
      assert.match(connections.evidence.join('\n'), /:5432: failed \(timeout\).*as expected from the security group check/);
      assert.doesNotMatch(connections.summary, /answers on 5432/);
    } finally {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSgId, IpPermissions: permissions })).catch((error: { name?: string }) => {
        if (error.name !== 'InvalidPermission.Duplicate') throw error;
      });
    }
  });

  it('the user chooses where to measure from with "Change inputs…": this machine (outside, so its DNS check fails), then app-instance again', async () => {
    // Network only from this machine: no password to ask.
    const users = api.services.context.workspaceState.get<Record<string, string>>('planetscalePrivateLink.diagnose.users') ?? {};
    await api.services.context.workspaceState.update('planetscalePrivateLink.diagnose.users', { ...users, [endpointId]: '' });
    let user = scriptUser({ picks: [/Measure from$/, /This machine$/] });
    try {
      await api.diagnose.changeInputs();
    } finally {
      user.restore();
    }
    const here = api.diagnose.lastResult!;
    assert.equal(here.vantage, undefined);
    assert.equal(api.diagnose.view?.vantage, 'this machine (DNS answers and connections measured here)');
    assert.equal(checkOf(here, 'dnsAnswers').status, 'fail', explain(here));
    assert.doesNotMatch(checkOf(here, 'dnsAnswers').summary, /as seen from/i);
    // Remembered for the VPC: the command now measures here without asking.
    const again = await diagnose({ picks: [] });
    assert.equal(again.result.vantage, undefined);

    user = scriptUser({ picks: [/Measure from$/, /An instance in vpc-/, /app-instance$/] });
    try {
      await api.diagnose.changeInputs();
    } finally {
      user.restore();
    }
    const there = api.diagnose.lastResult!;
    assert.equal(there.vantage?.instanceId, instance.id);
    assert.equal(checkOf(there, 'dnsAnswers').status, 'pass', explain(there));
    assert.equal(checkOf(there, 'connectivity').status, 'pass', explain(there));
  });

  it('a failed endpoint is still diagnosed from the remembered instance: its state check fails, and nothing is measured there', async () => {
    await control(`/endpoints/${endpointId}/state`, { state: 'failed' });
    try {
      const { result } = await diagnose({ picks: [] });
      assert.equal(result.vantage?.instanceId, instance.id);
      assert.equal(checkOf(result, 'endpointState').status, 'fail', explain(result));
      for (const id of ['dnsAnswers', 'connectivity']) {
        assert.equal(checkOf(result, id).status, 'skipped', explain(result));
        assert.match(checkOf(result, id).summary, /the endpoint is failed/);
      }
    } finally {
      await control(`/endpoints/${endpointId}/state`, { state: 'available' });
    }
  });
});
