import assert from 'node:assert/strict';
import { checkConnectivity, type ProbeOutcome } from '../../../src/diagnose/connectivityCheck';

const cli = { region: 'us-east-1' };
const ok = (ip: string, port: number): ProbeOutcome => ({ ip, port, ok: true, phases: ['tcp ok 1 ms', 'tls ok 5 ms'] });
const bad = (ip: string, port: number, failure: ProbeOutcome['failure']): ProbeOutcome => ({ ip, port, ok: false, failure, phases: [], detail: failure });
const base = { endpointId: 'vpce-1', naclBlocked: new Set<string>(), sgBlockedPorts: new Set<number>(), withLogin: true };

describe('checkConnectivity', () => {
  it('passes when every interface answers', () => {
    const check = checkConnectivity({ ...base, outcomes: [ok('10.0.1.10', 5432), ok('10.0.1.10', 6432)] }, cli);
    assert.equal(check.status, 'pass');
    assert.equal(check.fix, undefined);
  });

  it('a timeout the security-group check predicted is a consequence, not a second failure', () => {
    const check = checkConnectivity({ ...base, sgBlockedPorts: new Set([6432]), outcomes: [ok('10.0.1.10', 5432), bad('10.0.1.10', 6432, 'timeout')] }, cli);
    assert.equal(check.status, 'warn');
    assert.match(check.evidence.join('\n'), /as expected from the security group check/);
  });

  it('continues a detail sentence with its expected cause, without a stray ".,"', () => {
    const timedOut = { ...bad('10.0.1.10', 6432, 'timeout'), detail: 'Connected to port 6432, but nothing answered: the traffic is dropped on the way, as a security group or network ACL does.' };
    const check = checkConnectivity({ ...base, sgBlockedPorts: new Set([6432]), outcomes: [ok('10.0.1.10', 5432), timedOut] }, cli);
    const line = check.evidence.find((e) => e.includes('as expected')) ?? '';
    assert.doesNotMatch(line, /\.,/);
    assert.match(line, /network ACL does, as expected from the security group check$/);
  });

  it('a timeout the NACL check predicted for that interface is a consequence too', () => {
    const check = checkConnectivity({ ...base, naclBlocked: new Set(['10.0.2.10:5432']), outcomes: [bad('10.0.2.10', 5432, 'timeout')] }, cli);
    assert.equal(check.status, 'warn');
  });

  it('refused connections fail with "nothing listening" advice', () => {
    const check = checkConnectivity({ ...base, outcomes: [bad('10.0.1.10', 5432, 'refused'), ok('10.0.1.10', 6432)] }, cli);
    assert.equal(check.status, 'fail');
    assert.match(check.summary, /Nothing accepts connections at 10\.0\.1\.10:5432/);
    assert.match(check.fix?.description ?? '', /PlanetScale support/);
    assert.equal(check.fix?.apply, undefined, 'not an AWS change');
  });

  it('an unexplained timeout or a refused connection is not excused by an unrelated prediction', () => {
    const check = checkConnectivity({ ...base, sgBlockedPorts: new Set([6432]), outcomes: [bad('10.0.1.10', 5432, 'timeout'), bad('10.0.1.10', 6432, 'refused')] }, cli);
    assert.equal(check.status, 'fail');
  });

  it('login failures point at the credentials', () => {
    const check = checkConnectivity({ ...base, outcomes: [bad('10.0.1.10', 5432, 'auth')] }, cli);
    assert.equal(check.status, 'fail');
    assert.match(check.fix?.description ?? '', /Reset the role's password/);
  });
});
