import assert from 'node:assert/strict';
import type { IpRestriction } from '../../../src/planetscale/ipRestrictions';
import { EXTENSION_RULE_DESCRIPTION, describeRule, isPrivateOnlyRule, normalizeCidr, summarizePublicAccess } from '../../../src/planetscale/publicAccess';
import { allowConfirmation, restrictConfirmation, restrictReport } from '../../../src/commands/publicAccess/publicAccessText';
import { decideConnection, validateNewRule } from '../../../sandbox/planetscale/ipRestrictionRules';

const rule = (over: Partial<IpRestriction>): IpRestriction => ({
  id: 'r1', schema: '', role: '', cidrs: [], description: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...over,
});
const privateOnly = rule({ id: 'ours', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], description: EXTENSION_RULE_DESCRIPTION });
const office = rule({ id: 'office', cidrs: ['203.0.113.0/24'], description: 'Office' });

describe('public access state', () => {
  it('is open without rules, private only with exactly the private ranges for all roles and schemas, restricted otherwise', () => {
    assert.equal(summarizePublicAccess([]).state, 'open');
    assert.equal(summarizePublicAccess([privateOnly]).state, 'privateOnly');
    // A user's own rule with the same ranges (in another order, another spelling) is private only too.
    assert.equal(summarizePublicAccess([rule({ cidrs: ['192.168.0.0/16', '10.1.2.3/8', '172.16.0.0/12'] })]).state, 'privateOnly');
    assert.equal(summarizePublicAccess([privateOnly, office]).state, 'restricted');
    assert.equal(summarizePublicAccess([rule({ cidrs: ['10.0.0.0/8'] })]).state, 'restricted');
    assert.equal(summarizePublicAccess([{ ...privateOnly, role: 'app' }]).state, 'restricted', 'one role only: other roles are not private only');
    assert.equal(summarizePublicAccess([{ ...privateOnly, schema: 'public' }]).state, 'restricted');
    assert.equal(summarizePublicAccess([{ ...office, deleted_at: '2026-01-02T00:00:00Z' }]).state, 'open', 'deleted rules do not count');
  });

  it('tells the extension\'s rules (by their tag) from the user\'s', () => {
    const summary = summarizePublicAccess([privateOnly, office, rule({ id: 'mine', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], description: 'my own' })]);
    assert.deepEqual(summary.extensionRules.map((r) => r.id), ['ours']);
    assert.deepEqual(summary.otherRules.map((r) => r.id), ['office', 'mine']);
  });

  it('normalizes ranges so equal ranges compare equal', () => {
    assert.equal(normalizeCidr('10.1.2.3/8'), '10.0.0.0/8');
    assert.equal(normalizeCidr('198.51.100.7'), '198.51.100.7/32');
    assert.equal(isPrivateOnlyRule(rule({ cidrs: ['10.0.0.0/8', '172.16.0.0/12'] })), false);
    assert.equal(describeRule({ ...office, role: 'reporting' }), '203.0.113.0/24 · role reporting, all schemas · "Office"');
  });
});

describe('private only confirmations', () => {
  const ref = { organization: 'acme', database: 'orders' };
  it('Restrict says what it creates, where it applies, when, and which rules it leaves alone', () => {
    const text = restrictConfirmation(ref, summarizePublicAccess([office]), 'branch main through x.private-pg.psdb.cloud');
    assert.equal(text.message, 'Restrict database acme/orders to private connections?');
    assert.equal(text.detail, [
      'This creates one IP restriction rule allowing 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 for all roles and schemas.',
      'PlanetScale sees its own private addresses for PrivateLink traffic, so private connections keep working and connections from the public internet are refused.',
      'It applies to every branch of the database.',
      'It affects only new connections: connections that are open now stay open.',
      'Existing rules it leaves alone (they keep admitting their ranges, also over the public host):',
      '  • 203.0.113.0/24 · all roles, all schemas · "Office"',
      'Verified private path: branch main through x.private-pg.psdb.cloud.',
      'Afterwards it checks that the private path still logs in and that the public host refuses this machine.',
    ].join('\n'));
    assert.match(restrictConfirmation(ref, summarizePublicAccess([]), 'v').detail, /Existing rules it leaves alone: none\./);
  });

  it('Allow again names only the extension\'s rules for deletion and keeps the user\'s', () => {
    const text = allowConfirmation(ref, summarizePublicAccess([privateOnly, office]));
    assert.equal(text.message, 'Allow public connections to database acme/orders again?');
    assert.match(text.detail, /deletes only the IP restriction rules this extension created:\n {2}• 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16 · all roles, all schemas/);
    assert.match(text.detail, /Existing rules it leaves alone \(never deleted by this extension\):\n {2}• 203\.0\.113\.0\/24/);
    assert.match(text.detail, /It applies to every branch of the database\.\nIt affects only new connections/);
  });

  it('reports "private only" only when both halves are proven', () => {
    const base = { before: summarizePublicAccess([]), created: privateOnly, privateCheck: { ok: true, summary: 'ok' } };
    assert.equal(restrictReport(ref, { ...base, publicCheck: { outcome: 'refused', detail: '' }, proven: true }).severity, 'info');
    const unreachable = restrictReport(ref, { ...base, publicCheck: { outcome: 'unreachable', detail: 'no route' }, proven: false });
    assert.equal(unreachable.severity, 'warning');
    assert.match(unreachable.message, /not proven private only/);
    const broken = restrictReport(ref, { ...base, privateCheck: { ok: false, summary: 'TLS failed' }, publicCheck: { outcome: 'refused', detail: '' }, proven: false });
    assert.equal(broken.severity, 'error');
  });
});

describe('sandbox IP restriction rules', () => {
  const stored = (over: { cidrs: string[]; role?: string; schema?: string }) => ({ id: 'x', role: '', schema: '', description: null, createdAt: '', updatedAt: '', ...over });
  it('admits everyone without rules, and only matching sources once a rule applies to the role', () => {
    assert.equal(decideConnection([], '203.0.113.5', 'postgres').allowed, true);
    const rules = [stored({ cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] })];
    assert.equal(decideConnection(rules, '10.120.0.17', 'postgres').allowed, true);
    assert.equal(decideConnection(rules, '203.0.113.5', 'postgres').allowed, false);
    const roleRule = [stored({ cidrs: ['192.0.2.10/32'], role: 'reporting' })];
    assert.equal(decideConnection(roleRule, '203.0.113.5', 'reporting').allowed, false);
    assert.equal(decideConnection(roleRule, '203.0.113.5', 'postgres').allowed, true, 'a rule for another role does not apply');
  });

  it('validates create bodies as the API documents (422 messages)', () => {
    assert.throws(() => validateNewRule({}), /at least one valid IPv4/);
    assert.throws(() => validateNewRule({ cidrs: ['2001:db8::/32'] }), /invalid IPv4 CIDR/);
    assert.deepEqual(validateNewRule({ cidrs: ['198.51.100.7'] }).cidrs, ['198.51.100.7/32']);
  });
});
