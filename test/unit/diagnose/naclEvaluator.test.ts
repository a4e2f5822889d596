import assert from 'node:assert/strict';
import type { NetworkAclEntry } from '../../../src/aws/types';
import { describeNaclEntry, evaluateNacl, firstDenyingRuleNumber, freeRuleNumber } from '../../../src/diagnose/naclEvaluator';

function rule(ruleNumber: number, action: 'allow' | 'deny', cidrBlock: string, protocol = 'tcp', ports?: [number, number], egress = false): NetworkAclEntry {
  return { ruleNumber, action, cidrBlock, protocol, egress, portRange: ports ? { from: ports[0], to: ports[1] } : undefined };
}
const star = (egress: boolean): NetworkAclEntry => ({ ruleNumber: 32767, action: 'deny', cidrBlock: '0.0.0.0/0', protocol: '-1', egress });
const in5432 = { direction: 'ingress' as const, peer: '10.0.1.50', ports: { from: 5432, to: 5432 } };

describe('evaluateNacl', () => {
  it('deny 90 before allow 100: the deny wins whatever the array order', () => {
    const v = evaluateNacl([rule(100, 'allow', '0.0.0.0/0', '-1'), rule(90, 'deny', '10.0.0.0/16', 'tcp', [5432, 5432]), star(false)], in5432);
    assert.equal(v.outcome, 'deny');
    assert.equal(v.deciding.entry.ruleNumber, 90);
    assert.equal(v.decisions.length, 1);
  });

  it('allow 50 before deny 100: the allow wins', () => {
    const v = evaluateNacl([rule(100, 'deny', '0.0.0.0/0', '-1'), rule(50, 'allow', '10.0.1.0/24', '6', [5432, 6432]), star(false)], in5432);
    assert.equal(v.outcome, 'allow');
    assert.equal(v.deciding.entry.ruleNumber, 50);
  });

  it('all-protocol rules match any TCP port; protocol numbers and names both work', () => {
    assert.equal(evaluateNacl([rule(100, 'allow', '0.0.0.0/0', '-1'), star(false)], in5432).outcome, 'allow');
    assert.equal(evaluateNacl([rule(100, 'allow', '0.0.0.0/0', 'all'), star(false)], in5432).outcome, 'allow');
    assert.equal(evaluateNacl([rule(100, 'allow', '0.0.0.0/0', '6', [5432, 5432])], in5432).outcome, 'allow');
  });

  it('ignores UDP and out-of-range port rules', () => {
    const v = evaluateNacl([rule(10, 'allow', '0.0.0.0/0', 'udp', [5432, 5432]), rule(20, 'allow', '0.0.0.0/0', 'tcp', [5433, 6432]), star(false)], in5432);
    assert.equal(v.outcome, 'deny');
    assert.equal(v.deciding.entry.ruleNumber, 32767);
  });

  it('/32 matches only that address; /0 matches all', () => {
    assert.equal(evaluateNacl([rule(10, 'allow', '10.0.1.50/32', 'tcp', [5432, 5432])], in5432).outcome, 'allow');
    assert.equal(evaluateNacl([rule(10, 'allow', '10.0.1.51/32', 'tcp', [5432, 5432])], in5432).outcome, 'deny');
    assert.equal(evaluateNacl([rule(10, 'allow', '0.0.0.0/0', 'tcp', [5432, 5432])], { ...in5432, peer: '203.0.113.9' }).outcome, 'allow');
  });

  it('egress entries do not decide ingress traffic and vice versa', () => {
    const egressOnly = [rule(100, 'allow', '0.0.0.0/0', '-1', undefined, true), star(true), star(false)];
    assert.equal(evaluateNacl(egressOnly, in5432).outcome, 'deny');
    assert.equal(evaluateNacl(egressOnly, { direction: 'egress', peer: '10.0.1.50', ports: { from: 1024, to: 65535 } }).outcome, 'allow');
  });

  it('no match and no explicit * entry: the implicit final deny decides', () => {
    const v = evaluateNacl([], in5432);
    assert.equal(v.outcome, 'deny');
    assert.equal(v.deciding.implicit, true);
    assert.equal(v.deciding.entry.ruleNumber, 32767);
    assert.match(describeNaclEntry(v.deciding.entry), /^rule \* deny all traffic from 0\.0\.0\.0\/0$/);
  });

  it('ephemeral range split between rules is partial, naming the denied part', () => {
    const entries = [rule(100, 'allow', '0.0.0.0/0', 'tcp', [32768, 65535], true), star(true)];
    const v = evaluateNacl(entries, { direction: 'egress', peer: '10.0.1.50', ports: { from: 1024, to: 65535 } });
    assert.equal(v.outcome, 'partial');
    assert.equal(v.deciding.entry.ruleNumber, 32767);
    assert.deepEqual(v.deciding.ports, { from: 1024, to: 32767 });
    assert.equal(firstDenyingRuleNumber(v), 32767);
  });

  it('a client CIDR split between an allow and a later deny is partial', () => {
    const v = evaluateNacl([rule(100, 'allow', '10.0.1.0/25', '-1'), rule(200, 'deny', '0.0.0.0/0', '-1')], { ...in5432, peer: '10.0.1.0/24' });
    assert.equal(v.outcome, 'partial');
    assert.equal(v.deciding.entry.ruleNumber, 200);
    assert.equal(v.deciding.peer, '10.0.1.128/25');
  });

  it('rejects an unreadable peer with the field name', () => {
    assert.throws(() => evaluateNacl([], { ...in5432, peer: '10.0.1' }), /peer: "10\.0\.1"/);
  });
});

describe('freeRuleNumber', () => {
  it('picks the highest free number below a deny rule, in the same direction only', () => {
    const entries = [rule(90, 'deny', '0.0.0.0/0'), rule(89, 'allow', '1.1.1.1/32'), rule(88, 'deny', '0.0.0.0/0', '-1', undefined, true)];
    assert.equal(freeRuleNumber(entries, 'ingress', 90), 88);
    assert.equal(freeRuleNumber(entries, 'egress', 90), 89);
  });

  it('before the * rule, goes after the highest used rule', () => {
    assert.equal(freeRuleNumber([rule(100, 'allow', '1.1.1.1/32'), rule(120, 'allow', '1.1.1.2/32'), star(false)], 'ingress', 32767), 130);
    assert.equal(freeRuleNumber([star(false)], 'ingress', 32767), 100);
  });

  it('says when no number is free', () => {
    assert.equal(freeRuleNumber([rule(1, 'deny', '0.0.0.0/0')], 'ingress', 1), undefined);
  });
});
