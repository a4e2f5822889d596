// What the panel is sent for each check, and the words the Apply confirmation uses for each kind
// of change (so the user reads what will change before anything is sent to AWS).
import assert from 'node:assert/strict';
import type { DiagnoseCheck } from '../../../src/diagnose/diagnoseTypes';
import { fixFor } from '../../../src/diagnose/fixCommands';
import { checkView, fixChange } from '../../../src/webviews/diagnose/diagnoseViews';

const cli = { region: 'us-east-1', profile: 'dev' };
const mask = (text: string) => text.replaceAll('s3cret-pw', '••••');

describe('Diagnose panel views', () => {
  it('carries status, summary and evidence through the redactor, and marks applicable fixes', () => {
    const check: DiagnoseCheck = {
      id: 'securityGroups',
      title: 'Security groups (ports 5432 and 6432)',
      status: 'fail',
      summary: 'sg-0aa does not allow 6432 from sg-0bb (password s3cret-pw)',
      evidence: ['sg-0aa inbound: tcp 5432 from sg-0bb', 'login with s3cret-pw'],
      fix: fixFor(cli, 'Allow 6432 from the application', [
        { action: 'authorizeSecurityGroupIngress', groupId: 'sg-0aa', permissions: [{ fromPort: 6432, toPort: 6432, sourceGroupId: 'sg-0bb' }] },
      ]),
    };
    const view = checkView(check, mask);
    assert.equal(view.status, 'fail');
    assert.equal(view.summary, 'sg-0aa does not allow 6432 from sg-0bb (password ••••)');
    assert.deepEqual(view.evidence, ['sg-0aa inbound: tcp 5432 from sg-0bb', 'login with ••••']);
    assert.equal(view.fix?.applicable, true);
    assert.deepEqual(view.fix?.changes, ['Security group sg-0aa: add inbound TCP 6432 from sg-0bb']);
    assert.match(view.fix?.cliCommand ?? '', /^aws ec2 authorize-security-group-ingress --region us-east-1 --profile dev --group-id sg-0aa /);
    assert.equal('apply' in (view.fix ?? {}), false, 'the operations stay on the host');
  });

  it('marks advice-only fixes as not applicable and omits the fix when there is none', () => {
    const advice: DiagnoseCheck = { id: 'dnsAnswers', title: 'DNS', status: 'fail', summary: 'wrong IP', evidence: [], fix: { description: 'Check Route 53 zones', cliCommand: 'aws route53 list-hosted-zones-by-vpc' } };
    assert.deepEqual(checkView(advice, (t) => t).fix, { description: 'Check Route 53 zones', cliCommand: 'aws route53 list-hosted-zones-by-vpc', applicable: false, changes: [] });
    const pass: DiagnoseCheck = { id: 'vpcDns', title: 'VPC DNS', status: 'pass', summary: 'on', evidence: [] };
    assert.equal('fix' in checkView(pass, (t) => t), false);
  });

  it('names every kind of change with its resource, direction, ports and source', () => {
    assert.equal(fixChange({ action: 'modifyVpcAttribute', vpcId: 'vpc-1', attribute: 'enableDnsHostnames', value: true }), 'VPC vpc-1: set enableDnsHostnames to true');
    assert.equal(fixChange({ action: 'enableEndpointPrivateDns', endpointId: 'vpce-1' }), 'Endpoint vpce-1: turn private DNS on');
    assert.equal(
      fixChange({ action: 'createNetworkAclEntry', networkAclId: 'acl-1', ruleNumber: 89, egress: false, portRange: { from: 6432, to: 6432 }, cidrBlock: '10.0.1.5/32' }),
      'Network ACL acl-1: add inbound rule 89 allowing TCP 6432 from 10.0.1.5/32',
    );
    assert.equal(
      fixChange({ action: 'createNetworkAclEntry', networkAclId: 'acl-1', ruleNumber: 99, egress: true, portRange: { from: 1024, to: 65535 }, cidrBlock: '10.0.1.0/24' }),
      'Network ACL acl-1: add outbound rule 99 allowing TCP 1024-65535 to 10.0.1.0/24',
    );
    assert.equal(
      fixChange({ action: 'authorizeSecurityGroupEgress', groupId: 'sg-2', permissions: [{ fromPort: 5432, toPort: 5432, cidr: '10.0.0.0/16' }, { fromPort: 6432, toPort: 6432, cidr: '10.0.0.0/16' }] }),
      'Security group sg-2: add outbound TCP 5432 to 10.0.0.0/16, TCP 6432 to 10.0.0.0/16',
    );
  });
});
