// The checks that judge AWS configuration (state, DNS attributes, security groups, NACLs, DNS
// answers), fed with the data shapes the EC2 queries return.
import assert from 'node:assert/strict';
import type { InterfaceEndpoint, NetworkAcl, NetworkAclEntry, NetworkInterfaceSummary, SecurityGroupSummary, SubnetSummary } from '../../../src/aws/types';
import { checkDnsAnswers } from '../../../src/diagnose/dnsAnswersCheck';
import { checkEndpointState } from '../../../src/diagnose/endpointStateCheck';
import { checkNetworkAcls } from '../../../src/diagnose/naclCheck';
import { checkSecurityGroups } from '../../../src/diagnose/securityGroupCheck';
import { checkVpcDns } from '../../../src/diagnose/vpcDnsCheck';

const cli = { region: 'us-east-1' };
const endpoint: InterfaceEndpoint = {
  id: 'vpce-0e1',
  vpcId: 'vpc-0a',
  serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
  state: 'available',
  privateDnsEnabled: true,
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroups: [{ id: 'sg-e' }],
  securityGroupIds: ['sg-e'],
  networkInterfaceIds: ['eni-a', 'eni-b'],
  dnsEntries: [],
  tags: {},
};
const interfaces: NetworkInterfaceSummary[] = [
  { id: 'eni-a', subnetId: 'subnet-a', privateIpAddress: '10.0.1.10', privateIpAddresses: ['10.0.1.10'], securityGroupIds: ['sg-e'] },
  { id: 'eni-b', subnetId: 'subnet-b', privateIpAddress: '10.0.2.10', privateIpAddresses: ['10.0.2.10'], securityGroupIds: ['sg-e'] },
];
const subnets: SubnetSummary[] = [
  { id: 'subnet-a', vpcId: 'vpc-0a', availabilityZone: 'us-east-1a', cidrBlock: '10.0.1.0/24', tags: {} },
  { id: 'subnet-b', vpcId: 'vpc-0a', availabilityZone: 'us-east-1b', cidrBlock: '10.0.2.0/24', tags: {} },
  { id: 'subnet-c', vpcId: 'vpc-0a', availabilityZone: 'us-east-1c', cidrBlock: '10.0.3.0/24', tags: {} },
];

describe('checkEndpointState', () => {
  it('passes when available and explains every other state', () => {
    assert.equal(checkEndpointState(endpoint, endpoint.id, cli).status, 'pass');
    assert.equal(checkEndpointState({ ...endpoint, state: 'pending' }, endpoint.id, cli).status, 'warn');
    for (const state of ['pendingAcceptance', 'rejected', 'failed', 'expired', 'partial', 'deleted'] as const) {
      const check = checkEndpointState({ ...endpoint, state }, endpoint.id, cli);
      assert.equal(check.status, 'fail', state);
      assert.ok(check.fix?.cliCommand.startsWith('aws ec2 '), state);
    }
    assert.match(checkEndpointState({ ...endpoint, state: 'pendingAcceptance' }, endpoint.id, cli).summary, /accept/);
    assert.match(checkEndpointState({ ...endpoint, state: 'failed' }, endpoint.id, cli).fix?.cliCommand ?? '', /delete-vpc-endpoints .*vpce-0e1/);
  });

  it('fails for an unknown endpoint, naming the region', () => {
    const check = checkEndpointState(undefined, 'vpce-gone', cli);
    assert.equal(check.status, 'fail');
    assert.match(check.summary, /vpce-gone in us-east-1/);
  });
});

describe('checkVpcDns', () => {
  it('orders the fix: support, hostnames, then private DNS on the endpoint', () => {
    const check = checkVpcDns({ ...endpoint, privateDnsEnabled: false }, { enableDnsSupport: false, enableDnsHostnames: false }, undefined, cli);
    assert.equal(check.status, 'fail');
    assert.deepEqual(check.fix?.apply?.operations.map((o) => o.action), ['modifyVpcAttribute', 'modifyVpcAttribute', 'enableEndpointPrivateDns']);
    assert.match(check.fix?.cliCommand ?? '', /--enable-dns-support '\{"Value":true\}'\n.*--enable-dns-hostnames '\{"Value":true\}'\n.*modify-vpc-endpoint/);
  });

  it('passes with both attributes and private DNS on; warns without AmazonProvidedDNS', () => {
    const on = { enableDnsSupport: true, enableDnsHostnames: true };
    assert.equal(checkVpcDns(endpoint, on, undefined, cli).status, 'pass');
    const custom = { id: 'dopt-1', domainNameServers: ['10.9.9.9'], domainNames: [], usesAmazonProvidedDns: false };
    assert.equal(checkVpcDns(endpoint, on, { options: custom }, cli).status, 'warn');
  });
});

describe('checkSecurityGroups', () => {
  const group = (id: string, ingress: SecurityGroupSummary['ingress'], egress: SecurityGroupSummary['egress'] = []): SecurityGroupSummary => ({ id, name: id, tags: {}, ingress, egress });
  const fromApp = (port: number) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidrs: [], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: ['sg-app'] });
  const allOut = { protocol: 'all', fromPort: 0, toPort: 65535, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: [] };

  it('fails for a missing 6432 rule with a fix from the client group', () => {
    const { check, blockedPorts } = checkSecurityGroups(
      { endpoint, endpointGroups: [group('sg-e', [fromApp(5432)])], interfaces, clientGroupIds: ['sg-app'], clientGroups: [group('sg-app', [], [allOut])], clientCidrs: [] },
      cli,
    );
    assert.equal(check.status, 'fail');
    assert.deepEqual(blockedPorts, [6432]);
    assert.deepEqual(check.fix?.apply?.operations, [
      { action: 'authorizeSecurityGroupIngress', groupId: 'sg-e', permissions: [{ fromPort: 6432, toPort: 6432, sourceGroupId: 'sg-app', description: 'PlanetScale PSBouncer (pooled)' }] },
    ]);
  });

  it('checks the client group\'s outbound rules too', () => {
    const { check } = checkSecurityGroups(
      { endpoint, endpointGroups: [group('sg-e', [fromApp(5432), fromApp(6432)])], interfaces, clientGroupIds: ['sg-app'], clientGroups: [group('sg-app', [], [])], clientCidrs: [] },
      cli,
    );
    assert.equal(check.status, 'fail');
    assert.deepEqual(check.fix?.apply?.operations.map((o) => o.action), ['authorizeSecurityGroupEgress']);
  });

  it('is skipped when the client location is unknown', () => {
    const { check } = checkSecurityGroups({ endpoint, endpointGroups: [], interfaces, clientGroupIds: [], clientGroups: [], clientCidrs: [] }, cli);
    assert.equal(check.status, 'skipped');
  });
});

describe('checkNetworkAcls', () => {
  const allowAll = (egress: boolean): NetworkAclEntry => ({ ruleNumber: 100, egress, protocol: 'all', cidrBlock: '0.0.0.0/0', action: 'allow' });
  const star = (egress: boolean): NetworkAclEntry => ({ ruleNumber: 32767, egress, protocol: 'all', cidrBlock: '0.0.0.0/0', action: 'deny' });
  const acl = (id: string, subnetIds: string[], entries: NetworkAclEntry[]): NetworkAcl => ({ id, isDefault: false, subnetIds, entries, tags: {} });
  const open = acl('acl-open', ['subnet-a', 'subnet-c'], [allowAll(false), allowAll(true), star(false), star(true)]);
  const base = { endpoint, interfaces, subnets, clientCidrs: ['10.0.3.50/32'], clientCidrSource: 'given' as const, clientSubnetIds: ['subnet-c'] };

  it('fails on a deny numbered before the allow, fixing with a lower free number', () => {
    const denyFirst = acl('acl-b', ['subnet-b'], [
      { ruleNumber: 90, egress: false, protocol: 'tcp', portRange: { from: 6432, to: 6432 }, cidrBlock: '0.0.0.0/0', action: 'deny' },
      allowAll(false), allowAll(true), star(false), star(true),
    ]);
    const { check, blockedTargets } = checkNetworkAcls({ ...base, acls: [open, denyFirst] }, cli);
    assert.equal(check.status, 'fail');
    assert.deepEqual(blockedTargets, ['10.0.2.10:6432']);
    assert.ok(check.evidence.some((e) => /rule 90 deny tcp port 6432/.test(e) && /rule 100 allow all traffic .* would allow it, but rule 90 comes first/.test(e)));
    assert.deepEqual(check.fix?.apply?.operations, [
      { action: 'createNetworkAclEntry', networkAclId: 'acl-b', ruleNumber: 89, egress: false, portRange: { from: 6432, to: 6432 }, cidrBlock: '10.0.3.50/32' },
    ]);
  });

  it('fails without an ephemeral return rule and fixes the egress side', () => {
    const noReturn = acl('acl-b', ['subnet-b'], [
      { ruleNumber: 100, egress: false, protocol: 'tcp', portRange: { from: 5432, to: 6432 }, cidrBlock: '10.0.0.0/16', action: 'allow' },
      star(false), star(true),
    ]);
    const { check, blockedTargets } = checkNetworkAcls({ ...base, acls: [open, noReturn] }, cli);
    assert.equal(check.status, 'fail');
    assert.deepEqual(blockedTargets.sort(), ['10.0.2.10:5432', '10.0.2.10:6432']);
    assert.deepEqual(check.fix?.apply?.operations, [
      { action: 'createNetworkAclEntry', networkAclId: 'acl-b', ruleNumber: 100, egress: true, portRange: { from: 1024, to: 65535 }, cidrBlock: '10.0.3.50/32' },
    ]);
  });

  it('a return range that leaves out the usual source ports fails; one that leaves out only low ports warns', () => {
    const returnOnly = (from: number, to: number) => acl('acl-b', ['subnet-b'], [
      allowAll(false),
      { ruleNumber: 100, egress: true, protocol: 'tcp', portRange: { from, to }, cidrBlock: '0.0.0.0/0', action: 'allow' },
      star(false), star(true),
    ]);
    assert.equal(checkNetworkAcls({ ...base, acls: [open, returnOnly(1024, 32767)] }, cli).check.status, 'fail');
    assert.equal(checkNetworkAcls({ ...base, acls: [open, returnOnly(32768, 65535)] }, cli).check.status, 'warn');
  });

  it('evaluates nothing between addresses of one subnet', () => {
    const denyAll = acl('acl-a', ['subnet-a'], [star(false), star(true)]);
    const { check } = checkNetworkAcls({ ...base, interfaces: [interfaces[0]], clientCidrs: ['10.0.1.50/32'], clientSubnetIds: ['subnet-a'], acls: [denyAll] }, cli);
    assert.equal(check.status, 'pass');
    assert.match(check.evidence.join('\n'), /share a subnet/);
  });

  it('checks the client subnet side: outbound to the interface and ephemeral back', () => {
    const clientClosed = acl('acl-c', ['subnet-c'], [allowAll(true), star(false), star(true)]);
    const endpointOpen = acl('acl-ab', ['subnet-a', 'subnet-b'], [allowAll(false), allowAll(true), star(false), star(true)]);
    const { check } = checkNetworkAcls({ ...base, acls: [endpointOpen, clientClosed] }, cli);
    assert.equal(check.status, 'fail');
    const ops = check.fix?.apply?.operations ?? [];
    assert.deepEqual(ops.map((o) => (o.action === 'createNetworkAclEntry' ? [o.networkAclId, o.egress, o.cidrBlock, o.ruleNumber] : [])), [
      ['acl-c', false, '10.0.1.0/24', 100],
      ['acl-c', false, '10.0.2.0/24', 110],
    ]);
  });
});

describe('checkDnsAnswers', () => {
  const input = { privateHost: 'abc.private-pg.psdb.cloud', resolverLabel: '127.0.0.1:5353', interfaceIps: ['10.0.1.10', '10.0.2.10'], vpcId: 'vpc-0a', vpcCidrs: ['10.0.0.0/16'], privateDnsBroken: false };

  it('passes on exactly the interface IPs in any order', () => {
    assert.equal(checkDnsAnswers({ ...input, answers: { ips: ['10.0.2.10', '10.0.1.10'] } }, cli).status, 'pass');
  });

  it('fails on a foreign private IP and on public answers, with different advice', () => {
    const other = checkDnsAnswers({ ...input, answers: { ips: ['10.0.9.9'] } }, cli);
    assert.equal(other.status, 'fail');
    assert.match(other.summary, /not this endpoint's interfaces/);
    const outside = checkDnsAnswers({ ...input, answers: { ips: ['203.0.113.7'] } }, cli);
    assert.equal(outside.status, 'fail');
    assert.match(outside.summary, /outside the VPC/);
  });

  it('warns on a subset, and treats NXDOMAIN as the consequence of broken private DNS', () => {
    assert.equal(checkDnsAnswers({ ...input, answers: { ips: ['10.0.1.10'] } }, cli).status, 'warn');
    assert.equal(checkDnsAnswers({ ...input, answers: { error: 'NXDOMAIN' } }, cli).status, 'fail');
    assert.equal(checkDnsAnswers({ ...input, privateDnsBroken: true, answers: { error: 'NXDOMAIN' } }, cli).status, 'warn');
  });
});
