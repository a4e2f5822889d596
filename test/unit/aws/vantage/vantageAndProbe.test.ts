import assert from 'node:assert/strict';
import { detectVantage } from '../../../../src/aws/vantage/vantageDetection';
import { buildProbeScript } from '../../../../src/aws/vantage/probeScript';
import { judgeProbe, parseProbeOutput, ProbeOutputError } from '../../../../src/aws/vantage/probeResult';

const HOST = 'abc123.private-pg.psdb.cloud';
const IPS = ['10.0.1.10', '10.0.2.10'];

describe('vantage detection', () => {
  it('inside when every answer is an interface IP', () => {
    assert.deepEqual(detectVantage(HOST, ['10.0.2.10', '10.0.1.10'], IPS, 'vpc-1'), { inside: true });
  });
  it('outside, in plain words, for no answer, a public answer, and another endpoint', () => {
    const none = detectVantage(HOST, [], IPS, 'vpc-1');
    assert.equal(none.inside, false);
    assert.match((none as { message: string }).message, /^This machine is outside vpc-1: .* Verify from an instance inside it\?$/);
    assert.equal((detectVantage(HOST, ['3.4.5.6'], IPS, 'vpc-1') as { why: string }).why, 'public-answer');
    assert.equal((detectVantage(HOST, ['10.9.9.9'], IPS, 'vpc-1') as { why: string }).why, 'other-ips');
    assert.equal((detectVantage(HOST, ['10.0.1.10', '10.9.9.9'], IPS, 'vpc-1') as { why: string }).why, 'other-ips');
  });
  it('ends with the caller\'s question (Diagnose asks its own)', () => {
    const ask = 'Diagnose from an instance inside it?';
    assert.match((detectVantage(HOST, [], IPS, 'vpc-1', ask) as { message: string }).message, /\. Diagnose from an instance inside it\?$/);
    assert.match((detectVantage(HOST, ['3.4.5.6'], IPS, 'vpc-1', ask) as { message: string }).message, /not to the endpoint\. Diagnose from an instance inside it\?$/);
    assert.match((detectVantage(HOST, ['10.9.9.9'], IPS, 'vpc-1', ask) as { message: string }).message, /outside vpc-1; diagnose from an instance inside it\?$/);
  });
});

describe('probe script and result', () => {
  it('puts only the host, IPs and ports in the script, and refuses anything else', () => {
    const script = buildProbeScript({ privateHost: HOST, interfaceIps: IPS, ports: [5432, 6432] });
    assert.match(script, /^#!\/bin\/bash\n/);
    assert.match(script, new RegExp(`HOST='${HOST}'`));
    assert.match(script, /EXPECTED='10\.0\.1\.10 10\.0\.2\.10'/);
    assert.throws(() => buildProbeScript({ privateHost: "x'; rm -rf / #", interfaceIps: IPS, ports: [5432] }), /not a DNS name/);
    assert.throws(() => buildProbeScript({ privateHost: HOST, interfaceIps: ['10.0.0.1; id'], ports: [5432] }), /not an IPv4/);
    assert.throws(() => buildProbeScript({ privateHost: HOST, interfaceIps: [], ports: [5432] }), /no interface IPs/);
  });

  const block = (lines: string[]) => `noise\nPSPL-PROBE-BEGIN v1\n${lines.join('\n')}\nPSPL-PROBE-END\n`;

  it('reads the block and judges it: proven, or the named problem per port', () => {
    const ok = parseProbeOutput(block([`host ${HOST}`, 'dns 10.0.1.10 10.0.2.10', 'expected 10.0.1.10 10.0.2.10', 'tool openssl 3.0.2',
      'tcp 10.0.1.10 5432 open', 'tls 10.0.1.10 5432 ok verified', 'tcp 10.0.1.10 6432 no-reply', 'tls 10.0.1.10 6432 skip no-tcp', 'elapsed_ms 812']));
    assert.equal(ok.tool.name, 'openssl');
    assert.equal(ok.elapsedMs, 812);
    const verdict = judgeProbe(ok, 'i-0abc');
    assert.equal(verdict.pathProven, false);
    assert.equal(verdict.dns, 'endpoint');
    assert.match(verdict.problems.join('\n'), /10\.0\.1\.10:6432 did not answer i-0abc/);
    assert.ok(verdict.proven.some((p) => /TLS \(verify-full.*on 5432 .*openssl 3\.0\.2/.test(p)));
  });

  it('says when the output was cut or the block is missing', () => {
    assert.throws(() => parseProbeOutput('x'.repeat(24_000)), (e: ProbeOutputError) => e.reason === 'truncated');
    assert.throws(() => parseProbeOutput('PSPL-PROBE-BEGIN v1\nhost a\n' + 'y'.repeat(23_990)), (e: ProbeOutputError) => e.reason === 'truncated');
    assert.throws(() => parseProbeOutput('sh: 1: Syntax error'), (e: ProbeOutputError) => e.reason === 'missing');
  });
});
