import assert from 'node:assert/strict';
import type { SecurityGroupRule, SecurityGroupSummary } from '../../../src/aws/types';
import { describeSecurityGroupRule, evaluateSecurityGroups, evaluateSecurityGroupsInbound } from '../../../src/diagnose/securityGroupEvaluator';

function sgRule(protocol: string, from: number, to: number, sources: { groups?: string[]; cidrs?: string[]; prefixLists?: string[] }): SecurityGroupRule {
  return { protocol, fromPort: from, toPort: to, cidrs: sources.cidrs ?? [], ipv6Cidrs: [], prefixListIds: sources.prefixLists ?? [], referencedGroupIds: sources.groups ?? [] };
}
function group(id: string, ingress: SecurityGroupRule[]): SecurityGroupSummary {
  return { id, name: id, tags: {}, ingress, egress: [] };
}

describe('evaluateSecurityGroupsInbound', () => {
  const endpointSg = group('sg-endpoint', [sgRule('tcp', 5432, 5432, { groups: ['sg-app'] }), sgRule('tcp', 6432, 6432, { cidrs: ['10.0.0.0/16'] })]);

  it('a rule naming a group lets in members of that group only', () => {
    assert.equal(evaluateSecurityGroupsInbound([endpointSg], { securityGroupIds: ['sg-app'] }, 5432).outcome, 'allowed');
    const other = evaluateSecurityGroupsInbound([endpointSg], { securityGroupIds: ['sg-other'] }, 5432);
    assert.equal(other.outcome, 'denied');
    assert.deepEqual(other.matches, []);
  });

  it('a CIDR rule lets in a client whose address or CIDR it contains', () => {
    const v = evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.0.1.50'] }, 6432);
    assert.equal(v.outcome, 'allowed');
    assert.equal(v.matches[0].source, '10.0.0.0/16');
    assert.equal(evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.0.1.0/24'] }, 6432).outcome, 'allowed');
    assert.equal(evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.1.0.1'] }, 6432).outcome, 'denied');
  });

  it('a client CIDR wider than the rule is only partly let in', () => {
    const v = evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.0.0.0/8'] }, 6432);
    assert.equal(v.outcome, 'partial');
    assert.deepEqual(v.uncoveredCidrs, ['10.0.0.0/8']);
  });

  it('group membership does not count for a CIDR rule, nor an address for a group rule', () => {
    assert.equal(evaluateSecurityGroupsInbound([endpointSg], { securityGroupIds: ['sg-app'], cidrs: ['192.168.0.5'] }, 6432).outcome, 'denied');
    assert.equal(evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.0.1.50'] }, 5432).outcome, 'denied');
  });

  it('port ranges and all-protocol rules, summed across groups', () => {
    const ranged = group('sg-a', [sgRule('tcp', 5000, 6000, { cidrs: ['0.0.0.0/0'] })]);
    const all = group('sg-b', [sgRule('-1', -1, -1, { groups: ['sg-app'] })]);
    assert.equal(evaluateSecurityGroupsInbound([ranged], { cidrs: ['1.2.3.4'] }, 5432).outcome, 'allowed');
    assert.equal(evaluateSecurityGroupsInbound([ranged], { cidrs: ['1.2.3.4'] }, 6432).outcome, 'denied');
    assert.equal(evaluateSecurityGroupsInbound([ranged, all], { securityGroupIds: ['sg-app'], cidrs: ['1.2.3.4'] }, 6432).outcome, 'allowed');
    assert.equal(evaluateSecurityGroupsInbound([group('sg-u', [sgRule('udp', 0, 65535, { cidrs: ['0.0.0.0/0'] })])], { cidrs: ['1.2.3.4'] }, 5432).outcome, 'denied');
  });

  it('two rules that together cover the client CIDR allow it', () => {
    const halves = group('sg-h', [sgRule('tcp', 5432, 5432, { cidrs: ['10.0.0.0/25'] }), sgRule('tcp', 5432, 5432, { cidrs: ['10.0.0.128/25'] })]);
    assert.equal(evaluateSecurityGroupsInbound([halves], { cidrs: ['10.0.0.0/24'] }, 5432).outcome, 'allowed');
  });

  it('cannot judge CIDR rules without the client address, nor prefix lists', () => {
    const v = evaluateSecurityGroupsInbound([endpointSg], { securityGroupIds: ['sg-other'] }, 6432);
    assert.equal(v.outcome, 'unknown');
    assert.match(v.notes.join(' '), /10\.0\.0\.0\/16/);
    const pl = evaluateSecurityGroupsInbound([group('sg-p', [sgRule('tcp', 5432, 5432, { prefixLists: ['pl-123'] })])], { cidrs: ['1.2.3.4'] }, 5432);
    assert.equal(pl.outcome, 'unknown');
    assert.match(pl.notes[0], /pl-123/);
  });

  it('describes rules for evidence', () => {
    assert.equal(describeSecurityGroupRule('sg-e', sgRule('tcp', 6432, 6432, { groups: ['sg-app'] })), 'sg-e: tcp port 6432 from sg-app');
    assert.equal(describeSecurityGroupRule('sg-e', sgRule('-1', -1, -1, { cidrs: ['0.0.0.0/0'] })), 'sg-e: all traffic from 0.0.0.0/0');
  });

  it('rejects an unreadable client CIDR naming the field', () => {
    assert.throws(() => evaluateSecurityGroupsInbound([endpointSg], { cidrs: ['10.0.0.0/99'] }, 5432), /client CIDR/);
  });
});

describe('evaluateSecurityGroups (egress)', () => {
  it('judges outbound rules to the endpoint by group reference or address', () => {
    const client = { id: 'sg-app', name: 'app', tags: {}, ingress: [], egress: [
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrs: ['10.0.1.0/24'], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: [] },
      { protocol: 'tcp', fromPort: 6432, toPort: 6432, cidrs: [], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: ['sg-endpoint'] },
    ] };
    const to = { securityGroupIds: ['sg-endpoint'], cidrs: ['10.0.1.10', '10.0.2.10'] };
    assert.equal(evaluateSecurityGroups([client], 'egress', to, 6432).outcome, 'allowed');
    const v5432 = evaluateSecurityGroups([client], 'egress', to, 5432);
    assert.equal(v5432.outcome, 'partial');
    assert.deepEqual(v5432.uncoveredCidrs, ['10.0.2.10']);
    assert.equal(evaluateSecurityGroups([client], 'ingress', to, 6432).outcome, 'denied', 'egress rules do not let traffic in');
  });
});
