import assert from 'node:assert/strict';
import { classifyAddress, parseDnsServer, runDnsPhase } from '../../../src/connection/dnsPhase';
import { PhaseCancelledError, PhaseTimeoutError, withDeadline } from '../../../src/connection/phaseDeadline';
import { MASK, createRedactor, redactUrlPasswords } from '../../../src/connection/redact';
import { formatPhaseLine, formatVerifyReport, summarize } from '../../../src/connection/verifyReport';
import { PhaseResult, VerifyInputError } from '../../../src/connection/verifyTypes';

describe('verification helpers', () => {
  describe('address classification', () => {
    const cases: Array<[string, string]> = [
      ['10.0.1.5', 'private'], ['172.16.0.1', 'private'], ['172.31.255.1', 'private'], ['172.32.0.1', 'public'],
      ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['127.10.1.10', 'loopback'], ['169.254.1.1', 'link-local'],
      ['8.8.8.8', 'public'], ['::1', 'loopback'], ['fd00::1', 'private'], ['fe80::1', 'link-local'], ['2600:1f18::1', 'public'],
      ['::ffff:10.1.2.3', 'private'],
    ];
    for (const [ip, kind] of cases) it(`${ip} is ${kind}`, () => assert.equal(classifyAddress(ip), kind));
  });

  describe('DNS server setting', () => {
    it('accepts ip:port, [v6]:port and a bare ip (port 53)', () => {
      assert.deepEqual(parseDnsServer('127.0.0.1:5353'), { host: '127.0.0.1', port: 5353 });
      assert.deepEqual(parseDnsServer('[::1]:53'), { host: '::1', port: 53 });
      assert.deepEqual(parseDnsServer('10.0.0.2'), { host: '10.0.0.2', port: 53 });
    });
    for (const bad of ['dns.example:53', '127.0.0.1:0', '127.0.0.1:99999', '']) {
      it(`rejects "${bad}" naming the setting`, () => {
        assert.throws(() => parseDnsServer(bad), (e: unknown) => e instanceof VerifyInputError && e.field === 'dns.server' && /planetscalePrivateLink\.dns\.server/.test(e.message));
      });
    }
  });

  describe('DNS phase with the system resolver', () => {
    it('resolves localhost to loopback, which counts as private only for a local stand-in', async () => {
      const sandboxed = await runDnsPhase('localhost', undefined, undefined, true, 2000);
      assert.equal(sandboxed.status, 'pass');
      assert.ok(sandboxed.value!.every((ip) => classifyAddress(ip) === 'loopback'));
      const strict = await runDnsPhase('localhost', undefined, undefined, false, 2000);
      assert.equal(strict.status, 'fail');
      assert.match(strict.detail, /not a private address|are not private addresses/);
    });

    it('skips an IP literal', async () => {
      const outcome = await runDnsPhase('127.0.0.1', undefined, undefined, true, 2000);
      assert.equal(outcome.status, 'skipped');
      assert.deepEqual(outcome.value, ['127.0.0.1']);
    });
  });

  describe('deadlines', () => {
    it('times out and cleans up', async () => {
      let cleaned = false;
      await assert.rejects(withDeadline(new Promise(() => undefined), 20, undefined, () => { cleaned = true; }), PhaseTimeoutError);
      assert.ok(cleaned);
    });

    it('is cancelled by the signal and cleans up', async () => {
      const controller = new AbortController();
      let cleaned = false;
      const waiting = withDeadline(new Promise(() => undefined), 5000, controller.signal, () => { cleaned = true; });
      controller.abort();
      await assert.rejects(waiting, PhaseCancelledError);
      assert.ok(cleaned);
    });

    it('passes the work\'s result through', async () => {
      assert.equal(await withDeadline(Promise.resolve(7), 1000, undefined, () => assert.fail('no cleanup on success')), 7);
    });
  });

  describe('redaction', () => {
    it('masks the password raw and percent-encoded, and any URL password', () => {
      const redact = createRedactor(['p@ss:w/rd#1%$x']);
      assert.equal(redact('pw p@ss:w/rd#1%$x in text'), `pw ${MASK} in text`);
      assert.equal(redact('postgresql://u:p%40ss%3Aw%2Frd%231%25%24x@h/db'), `postgresql://u:${MASK}@h/db`);
      assert.equal(redactUrlPasswords('x postgres://a:other@h:5432/d y'), `x postgres://a:${MASK}@h:5432/d y`);
    });
  });

  describe('report', () => {
    const phases: PhaseResult[] = [
      { phase: 'dns', status: 'pass', durationMs: 3, detail: 'h resolves to 10.0.1.5.', evidence: {} },
      { phase: 'tcp', status: 'fail', durationMs: 2001, detail: 'No answer within 2 s.', evidence: {}, fix: 'Check the security group.' },
      { phase: 'tls', status: 'skipped', durationMs: 0, detail: 'Not run: no TCP connection.', evidence: {} },
    ];

    it('formats one line per phase with status, time and the fix', () => {
      assert.equal(formatPhaseLine(phases[0]), '✓ DNS (3 ms): h resolves to 10.0.1.5.');
      assert.equal(formatPhaseLine(phases[1]), '✗ TCP (2001 ms): No answer within 2 s. Fix: Check the security group.');
      assert.equal(formatPhaseLine(phases[2]), '- TLS: Not run: no TCP connection.');
    });

    it('summarises by the failed phase', () => {
      const summary = summarize({ outcome: 'failed', failedPhase: 'tcp', phases }, 'h', 5432);
      assert.equal(summary, 'TCP failed for h:5432: No answer within 2 s.');
      assert.equal(formatVerifyReport({ outcome: 'failed', failedPhase: 'tcp', phases, summary }).split('\n').length, 4);
    });
  });
});
