// Where the client runs: CIDR input validation and normalisation, this machine's addresses, what
// the runner receives, and reading a remembered location back (old or tampered state is dropped).
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { clientInput, describeClient, machineCidrs, parseCidrList, readClientLocation } from '../../../src/diagnose/clientLocation';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;

describe('Diagnose client location', () => {
  it('parses comma- and space-separated CIDRs, bare addresses as /32, clearing host bits and duplicates', () => {
    assert.deepEqual(parseCidrList('10.0.1.0/24, 10.0.2.15  10.0.3.7/16,10.0.2.15'), { cidrs: ['10.0.1.0/24', '10.0.2.15/32', '10.0.0.0/16'] });
  });

  it('names the bad entry and the form expected', () => {
    assert.deepEqual(parseCidrList('10.0.1.0/24, 10.0.1.300'), { error: 'Client CIDR: "10.0.1.300" is not an IPv4 address or CIDR block. Use a form such as 10.0.1.25 or 10.0.0.0/16.' });
    assert.match((parseCidrList('10.0.0.0/33') as { error: string }).error, /"10\.0\.0\.0\/33"/);
    assert.match((parseCidrList('  ') as { error: string }).error, /at least one/);
    const many = Array.from({ length: 21 }, (_, i) => `10.0.${i}.1`).join(' ');
    assert.match((parseCidrList(many) as { error: string }).error, /21 entries; give at most 20/);
  });

  it("takes this machine's IPv4 addresses outside loopback and link-local", () => {
    const cidrs = machineCidrs({
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      eth0: [iface('10.0.1.25', 'IPv4'), iface('fe80::1', 'IPv6')],
      eth1: [iface('169.254.10.1', 'IPv4'), iface('10.0.2.9', 'IPv4')],
      docker0: undefined,
    });
    assert.deepEqual(cidrs, ['10.0.1.25/32', '10.0.2.9/32']);
  });

  it('gives the runner groups, CIDRs, or the current machine addresses', () => {
    const groups = { kind: 'securityGroups' as const, securityGroups: [{ id: 'sg-0aa', name: 'app-servers' }, { id: 'sg-0bb' }] };
    assert.deepEqual(clientInput(groups, ['10.9.9.9/32']), { securityGroupIds: ['sg-0aa', 'sg-0bb'] });
    assert.deepEqual(describeClient(groups, []), ['sg-0aa (app-servers)', 'sg-0bb']);
    assert.deepEqual(clientInput({ kind: 'cidrs', cidrs: ['10.0.1.0/24'] }, ['10.9.9.9/32']), { cidrs: ['10.0.1.0/24'] });
    assert.deepEqual(clientInput({ kind: 'thisMachine' }, ['10.9.9.9/32']), { cidrs: ['10.9.9.9/32'] });
    assert.deepEqual(describeClient({ kind: 'thisMachine' }, ['10.9.9.9/32']), ['10.9.9.9/32 (this machine)']);
  });

  it('reads remembered locations back and drops malformed ones', () => {
    assert.deepEqual(readClientLocation({ kind: 'securityGroups', securityGroups: [{ id: 'sg-0aa', name: 'app' }, { id: 'nope' }, null] }), { kind: 'securityGroups', securityGroups: [{ id: 'sg-0aa', name: 'app' }] });
    assert.deepEqual(readClientLocation({ kind: 'cidrs', cidrs: ['10.0.0.0/16', 'x', 5] }), { kind: 'cidrs', cidrs: ['10.0.0.0/16'] });
    assert.deepEqual(readClientLocation({ kind: 'thisMachine', cidrs: ['1.2.3.4/32'] }), { kind: 'thisMachine' });
    for (const bad of [undefined, null, 'sg-0aa', { kind: 'securityGroups', securityGroups: [] }, { kind: 'cidrs' }, { kind: 'other' }]) {
      assert.equal(readClientLocation(bad), undefined, JSON.stringify(bad));
    }
  });
});
