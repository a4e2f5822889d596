// Diagnose against the sandbox, one fault at a time: exactly the matching check must fail with the
// right fix, the fix is applied through the panel's own path (message → validation → modal
// confirmation → applyFix in the lazy core → a new diagnosis) and that check must pass again. The
// set-up is diagnoseFixture.ts; every test puts the sandbox back as it found it.
import assert from 'node:assert/strict';
import {
  CreateNetworkAclEntryCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  ModifyVpcAttributeCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { control } from '../../support/sandboxInfo';
import { eventually } from '../../../harness/eventually';
import {
  aclId, appCidr, appNet, appSgId, applyFromPanel, assertOnly, checkOf, controller, diagnose, ec2, endpointId, endpointSgId, esc, page, privateHost, service, ui, useDiagnoseFixture, vpcId,
} from './diagnoseFixture';

describe('Diagnose against the sandbox: one fault at a time', function () {
  useDiagnoseFixture(this);


  it('endpoint failed: only the state check fails (DNS and connections skipped); its fix is advice, and the panel refuses to apply it', async () => {
    await control(`/endpoints/${endpointId}/state`, { state: 'failed' });
    const result = assertOnly(await diagnose(), { endpointState: 'fail', dnsAnswers: 'skipped', connectivity: 'skipped' });
    const state = checkOf(result, 'endpointState');
    assert.match(state.summary, /could not create the endpoint \(failed\)/);
    assert.match(state.fix!.cliCommand, new RegExp(`^aws ec2 delete-vpc-endpoints --region us-east-1 .*--vpc-endpoint-ids ${endpointId}$`));
    const view = page.lastState()!;
    assert.equal(view.checks.find((c) => c.id === 'endpointState')?.fix?.applicable, false);
    const answer = await applyFromPanel('endpointState');
    assert.equal(answer.type, 'rejected');
    assert.match(answer.type === 'rejected' ? answer.reason : '', /advice only/);
    assert.equal(ui.confirmations.length, 0);

    await control(`/endpoints/${endpointId}/state`, { state: 'available' });
    assertOnly(await diagnose(), {});
  });

  it('DNS hostnames off: only the VPC DNS check fails; Apply (after the confirmation names the change) turns it on and all pass', async () => {
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: false } }));
    const result = assertOnly(await diagnose(), { vpcDns: 'fail' });
    assert.match(checkOf(result, 'vpcDns').fix!.cliCommand, new RegExp(`modify-vpc-attribute --region us-east-1 .*--vpc-id ${vpcId} --enable-dns-hostnames '\\{"Value":true\\}'$`));

    ui.confirmNext(true);
    const answer = await applyFromPanel('vpcDns');
    assert.equal(answer.type, 'actionDone');
    assert.equal(answer.type === 'actionDone' && answer.ok, true);
    assert.match(ui.confirmations[0].detail, new RegExp(`VPC ${vpcId}: set enableDnsHostnames to true`));
    const attribute = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    assert.equal(attribute.EnableDnsHostnames?.Value, true);
    assertOnly(service.lastResult, {});
    assert.match(page.lastState()?.notice ?? '', new RegExp(`Applied: ${vpcId}: enableDnsHostnames set to true`));
  });

  it('security group missing 6432: only that check fails (6432 timeouts explained by it); declining changes nothing, accepting fixes it', async () => {
    await ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: endpointSgId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: appSgId }] }],
    }));
    const result = assertOnly(await diagnose(), { securityGroups: 'fail', connectivity: 'warn' });
    const fix = checkOf(result, 'securityGroups').fix!;
    assert.match(fix.cliCommand, new RegExp(`authorize-security-group-ingress --region us-east-1 .*--group-id ${endpointSgId} --ip-permissions '\\[\\{"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"UserIdGroupPairs":\\[\\{"GroupId":"${appSgId}","Description":"PlanetScale PSBouncer \\(pooled\\)"\\}\\]\\}\\]'$`));
    assert.match(checkOf(result, 'connectivity').evidence.join('\n'), /:6432: failed \(timeout\).*as expected from the security group check/);

    // Copy gives the exact command the panel shows.
    const copyId = page.post({ type: 'copyFix', checkId: 'securityGroups' });
    await controller.settled();
    assert.deepEqual(page.answerTo(copyId), { type: 'actionDone', requestId: copyId, ok: true });
    assert.equal(ui.clipboard, fix.cliCommand);

    ui.confirmNext(false);
    await applyFromPanel('securityGroups');
    const untouched = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [endpointSgId] }));
    assert.ok(!(untouched.SecurityGroups![0].IpPermissions ?? []).some((p) => p.FromPort === 6432), 'declined, yet the rule was added');
    assert.equal(checkOf(service.lastResult!, 'securityGroups').status, 'fail');

    ui.confirmNext(true);
    await applyFromPanel('securityGroups');
    assert.match(ui.confirmations[1].detail, new RegExp(`Security group ${endpointSgId}: add inbound TCP 6432 from ${appSgId}`));
    assertOnly(service.lastResult, {});
    // The rule comes back as the create flow made it, description included.
    const fixed = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [endpointSgId] }));
    const pooled = (fixed.SecurityGroups![0].IpPermissions ?? []).find((p) => p.FromPort === 6432);
    assert.deepEqual(pooled?.UserIdGroupPairs?.map((g) => g.Description), ['PlanetScale PSBouncer (pooled)']);
  });

  it('NACL deny numbered below the allow: only the NACL check fails; the applied fix inserts an allow before the deny', async () => {
    await ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId: aclId, RuleNumber: 90, Egress: false, Protocol: '6', PortRange: { From: 6432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'deny',
    }));
    const result = assertOnly(await diagnose(), { networkAcls: 'fail', connectivity: 'warn' });
    const nacl = checkOf(result, 'networkAcls');
    assert.match(nacl.evidence.join('\n'), new RegExp(`inbound tcp port 6432 from ${esc(appCidr)}: denied by rule 90 deny tcp port 6432 from 0\\.0\\.0\\.0/0`));
    const view = page.lastState()!.checks.find((c) => c.id === 'networkAcls')!;
    assert.equal(view.fix?.applicable, true);
    assert.ok(view.fix!.changes.every((c) => new RegExp(`^Network ACL ${aclId}: add inbound rule (\\d+) allowing TCP 6432 from ${esc(appCidr)}$`).test(c) && Number(/rule (\d+)/.exec(c)![1]) < 90), view.fix!.changes.join('\n'));

    ui.confirmNext(true);
    await applyFromPanel('networkAcls');
    assertOnly(service.lastResult, {});
  });

  it('no ephemeral return rule: only the NACL check fails; the applied fix allows 1024-65535 back to the client', async () => {
    // Outbound now allows only the database ports: replies to the client's ephemeral ports are dropped.
    await ec2.send(new ReplaceNetworkAclEntryCommand({
      NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '6', PortRange: { From: 5432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'allow',
    }));
    const result = assertOnly(await diagnose(), { networkAcls: 'fail', connectivity: 'warn' });
    assert.match(checkOf(result, 'networkAcls').summary, new RegExp(`outbound tcp ports 1024-65535 to ${esc(appCidr)}`));
    const operations = checkOf(result, 'networkAcls').fix!.apply!.operations;
    assert.deepEqual(operations.map((o) => o.action === 'createNetworkAclEntry' && [o.egress, o.portRange, o.cidrBlock]), [[true, { from: 1024, to: 65535 }, appCidr]]);

    ui.confirmNext(true);
    await applyFromPanel('networkAcls');
    assertOnly(service.lastResult, {});
  });

  it('DNS answering a different IP: only the DNS answers check fails, with advice (not an AWS change)', async function () {
    await control('/dns/override', { name: privateHost, ips: [`${appNet}.3.99`] });
    try {
      const result = assertOnly(await diagnose(), { dnsAnswers: 'fail' });
      const dns = checkOf(result, 'dnsAnswers');
      assert.match(dns.summary, new RegExp(`resolves to ${esc(appNet)}\\.3\\.99, which are not this endpoint's interfaces`));
      assert.equal(dns.fix!.apply, undefined);
      assert.match(dns.fix!.cliCommand, new RegExp(`aws route53 list-hosted-zones-by-vpc --vpc-id ${vpcId} --vpc-region us-east-1`));
      assert.equal(page.lastState()!.checks.find((c) => c.id === 'dnsAnswers')?.fix?.applicable, false);
    } finally {
      await control('/dns/override', { name: privateHost, ips: null });
    }
    assertOnly(await diagnose(), {});
  });

  it('nothing listening: only the connection check fails, as refused connections, with the support advice', async function () {
    await control('/forwarders/suspend', {});
    try {
      const result = assertOnly(await diagnose(), { connectivity: 'fail' });
      const connection = checkOf(result, 'connectivity');
      assert.match(connection.summary, /Nothing accepts connections at .*\(connection refused\)/);
      assert.match(connection.fix!.description, /PlanetScale support/);
    } finally {
      await control('/forwarders/resume', {});
    }
    assertOnly(await eventually(async () => {
      const r = await diagnose();
      return r.checks.find((c) => c.id === 'connectivity')?.status === 'pass' ? r : undefined;
    }, 'the forwarders back'), {});
  });

});
