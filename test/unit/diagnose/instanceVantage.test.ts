import assert from 'node:assert/strict';
import type { ProbeReport } from '../../../src/aws/vantage/probeResult';
import { parseProbeOutput } from '../../../src/aws/vantage/probeResult';
import { PROBE_BEGIN, PROBE_END } from '../../../src/aws/vantage/probeScript';
import { renderDiagnoseReport } from '../../../src/diagnose/diagnoseReport';
import { instanceChecks, instanceClient, measureOnInstance, probeCheckedTls, probeDnsAnswers, probeOutcomes, vantageLabel, type InstanceChecksInput } from '../../../src/diagnose/instanceVantage';

const cli = { region: 'us-east-1' };
const vantage = { instanceId: 'i-0abc1234', name: 'app-instance', subnetId: 'subnet-0aa', privateIp: '10.0.1.50', securityGroupIds: ['sg-0app'] };
const IPS = ['10.0.1.10', '10.0.2.10'];

/** A report as the probe prints it, parsed by the product's own parser. */
function report(lines: string[]): ProbeReport {
  return parseProbeOutput([PROBE_BEGIN, 'host abc.private-pg.psdb.cloud', ...lines, 'elapsed_ms 120', PROBE_END].join('\n'));
}

const healthy = () =>
  report([
    `dns ${IPS.join(' ')}`,
    `expected ${IPS.join(' ')}`,
    'tool openssl 3.0.13',
    ...IPS.flatMap((ip) => [5432, 6432].flatMap((port) => [`tcp ${ip} ${port} open`, `tls ${ip} ${port} ok verified`])),
  ]);

function input(measured: InstanceChecksInput['measured'], extra: Partial<InstanceChecksInput> = {}): InstanceChecksInput {
  return {
    vantage, privateHost: 'abc.private-pg.psdb.cloud', measured, endpointId: 'vpce-0123', interfaceIps: IPS, vpcId: 'vpc-1',
    vpcCidrs: ['10.0.0.0/16'], privateDnsBroken: false, naclBlocked: new Set(), sgBlockedPorts: new Set(), ...extra,
  };
}

describe('instanceVantage: checks from the probe on an instance', () => {
  it('names the vantage and makes the instance the client (groups, /32, subnet)', () => {
    assert.equal(vantageLabel(vantage), 'as seen from i-0abc1234 (app-instance) in subnet-0aa');
    assert.equal(vantageLabel({ instanceId: 'i-0abc1234', securityGroupIds: [] }), 'as seen from i-0abc1234');
    assert.deepEqual(instanceClient(vantage), { securityGroupIds: ['sg-0app'], cidrs: ['10.0.1.50/32'], subnetIds: ['subnet-0aa'] });
  });

  it('maps DNS answers and each connection: open+verified is ok, silence a timeout, refused, TLS failure', () => {
    const r = report([
      'dns -', `expected ${IPS.join(' ')}`, 'tool python3 3.0.2',
      'tcp 10.0.1.10 5432 open', 'tls 10.0.1.10 5432 ok verified',
      'tcp 10.0.1.10 6432 no-reply', 'tls 10.0.1.10 6432 skip no-tcp',
      'tcp 10.0.2.10 5432 refused', 'tls 10.0.2.10 5432 skip no-tcp',
      'tcp 10.0.2.10 6432 open', 'tls 10.0.2.10 6432 fail hostname-mismatch',
    ]);
    assert.deepEqual(probeDnsAnswers(r), { error: 'no address (NXDOMAIN or no A record)' });
    assert.deepEqual(probeDnsAnswers(healthy()), { ips: IPS });
    const outcomes = probeOutcomes(r);
    assert.deepEqual(outcomes.map((o) => [o.ip, o.port, o.ok, o.failure]), [
      ['10.0.1.10', 5432, true, undefined],
      ['10.0.1.10', 6432, false, 'timeout'],
      ['10.0.2.10', 5432, false, 'refused'],
      ['10.0.2.10', 6432, false, 'tls'],
    ]);
    assert.deepEqual(outcomes[0].phases, ['tcp ok', 'tls ok (verify-full via python3 3.0.2)']);
    assert.match(outcomes[3].detail ?? '', /hostname mismatch/);
  });

  it('healthy report: both checks pass, each naming the instance and the command; the login is said not tried', () => {
    const { dnsAnswers, connectivity } = instanceChecks(input({ report: healthy(), commandId: 'cmd-1' }), cli);
    assert.equal(dnsAnswers.status, 'pass');
    assert.equal(connectivity.status, 'pass');
    assert.equal(dnsAnswers.summary, 'As seen from i-0abc1234 (app-instance) in subnet-0aa: the Private Host resolves to exactly the endpoint\'s interface IPs.');
    assert.equal(connectivity.summary, 'As seen from i-0abc1234 (app-instance) in subnet-0aa: every interface answers on 5432 and 6432 (TLS).');
    assert.equal(dnsAnswers.evidence[0], 'measured as seen from i-0abc1234 (app-instance) in subnet-0aa through Systems Manager (command cmd-1)');
    assert.match(dnsAnswers.evidence.join('\n'), /via the VPC resolver on i-0abc1234: 10\.0\.1\.10, 10\.0\.2\.10/);
    assert.match(connectivity.evidence.join('\n'), /login and query not tried from i-0abc1234: the probe carries no credentials/);
    assert.doesNotMatch(connectivity.summary, /login/);
  });

  it('no TLS tool on the instance: the pass claims TCP only, and says why TLS was not checked', () => {
    const r = report([`dns ${IPS.join(' ')}`, `expected ${IPS.join(' ')}`, 'tool none -', ...IPS.flatMap((ip) => [`tcp ${ip} 5432 open`, `tls ${ip} 5432 skip no-tls-tool`])]);
    assert.equal(probeCheckedTls(r), false);
    const { connectivity } = instanceChecks(input({ report: r, commandId: 'cmd-2' }), cli);
    assert.equal(connectivity.status, 'pass');
    assert.match(connectivity.summary, /\(TCP\)/);
    assert.doesNotMatch(connectivity.summary, /TLS/);
    assert.match(connectivity.evidence.join('\n'), /TLS not checked on i-0abc1234: it has neither OpenSSL 1\.1\.1\+ nor python3/);
  });

  it('silence the security-group check predicted is its consequence (warn), not a second fault', () => {
    const r = report([`dns ${IPS.join(' ')}`, `expected ${IPS.join(' ')}`, 'tool openssl 3.0.13', ...IPS.flatMap((ip) => [`tcp ${ip} 5432 no-reply`, `tls ${ip} 5432 skip no-tcp`])]);
    const { connectivity } = instanceChecks(input({ report: r, commandId: 'cmd-3' }, { sgBlockedPorts: new Set([5432]) }), cli);
    assert.equal(connectivity.status, 'warn');
    assert.match(connectivity.evidence.join('\n'), /failed \(timeout\).*as expected from the security group check/);
  });

  it('the name not resolving on the instance fails with advice for inside the VPC (not "run inside the VPC")', () => {
    const r = report(['dns -', `expected ${IPS.join(' ')}`, 'tool openssl 3.0.13']);
    const { dnsAnswers } = instanceChecks(input({ report: r, commandId: 'cmd-4' }), cli);
    assert.equal(dnsAnswers.status, 'fail');
    assert.match(dnsAnswers.fix?.description ?? '', /turn on private DNS for the endpoint/);
    assert.doesNotMatch(dnsAnswers.fix?.description ?? '', /Remote-SSH/);
  });

  it('a probe that could not run: both checks warn "Not measured", neither passes', async () => {
    const measured = await measureOnInstance(async () => {
      throw new Error('The probe was never delivered to i-0abc1234 within 60 s.');
    }, { privateHost: 'abc.private-pg.psdb.cloud', interfaceIps: IPS, ports: [5432] });
    assert.deepEqual(measured, { error: 'The probe was never delivered to i-0abc1234 within 60 s.' });
    const { dnsAnswers, connectivity } = instanceChecks(input(measured), cli);
    for (const check of [dnsAnswers, connectivity]) {
      assert.equal(check.status, 'warn');
      assert.match(check.summary, /^Not measured: the probe could not run from i-0abc1234 \(app-instance\) in subnet-0aa: The probe was never delivered/);
    }
    assert.deepEqual(await measureOnInstance(undefined, { privateHost: 'h.example.com', interfaceIps: IPS, ports: [5432] }), { error: 'no Systems Manager client was given to run it.' });
  });

  it('the report names the vantage', () => {
    const base = { endpointId: 'vpce-0123', region: 'us-east-1', client: instanceClient(vantage), startedAt: '2026-01-01T00:00:00.000Z', durationMs: 5, checks: [] };
    assert.match(renderDiagnoseReport({ ...base, vantage }), /\nVantage: as seen from i-0abc1234 \(app-instance\) in subnet-0aa \(10\.0\.1\.50, sg-0app\): DNS answers, TCP and TLS measured there through Systems Manager/);
    assert.match(renderDiagnoseReport(base), /\nVantage: this machine/);
  });
});
