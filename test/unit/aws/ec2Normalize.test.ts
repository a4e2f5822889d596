import assert from 'node:assert/strict';
import { compareEndpoints, normalizeEndpointState, normalizeProtocol, toDhcpOptionsSummary, toInterfaceEndpoint, toNetworkAcl } from '../../../src/aws/ec2Normalize';

describe('aws/ec2Normalize', () => {
  it('normalises endpoint states without regard to case', () => {
    assert.equal(normalizeEndpointState('pendingAcceptance'), 'pendingAcceptance');
    assert.equal(normalizeEndpointState('PendingAcceptance'), 'pendingAcceptance');
    assert.equal(normalizeEndpointState('Available'), 'available');
    for (const s of ['pending', 'deleting', 'deleted', 'rejected', 'failed', 'expired', 'partial']) {
      assert.equal(normalizeEndpointState(s.toUpperCase()), s);
    }
    assert.equal(normalizeEndpointState('modifying'), 'unknown');
    assert.equal(normalizeEndpointState(undefined), 'unknown');
  });

  it('keeps the raw state and EC2\'s reason for an endpoint it cannot name', () => {
    const e = toInterfaceEndpoint({ VpcEndpointId: 'vpce-1', VpcId: 'vpc-1', ServiceName: 's', State: 'Modifying' as never, LastError: { Code: 'X', Message: 'why' } });
    assert.equal(e.state, 'unknown');
    assert.equal(e.rawState, 'Modifying');
    assert.deepEqual(e.lastError, { code: 'X', message: 'why' });
    assert.equal(e.privateDnsEnabled, false);
  });

  it('names protocols by number or name', () => {
    assert.deepEqual(['-1', '6', 'TCP', '17', '1', '58', '50'].map(normalizeProtocol), ['all', 'tcp', 'tcp', 'udp', 'icmp', 'icmpv6', '50']);
  });

  it('sorts ACL entries by direction then rule number, with port ranges only where they apply', () => {
    const acl = toNetworkAcl({
      NetworkAclId: 'acl-1',
      Associations: [{ SubnetId: 'subnet-a' }, { SubnetId: 'subnet-b' }],
      Entries: [
        { RuleNumber: 32767, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 200, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/8', PortRange: { From: 1024, To: 65535 } },
        { RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '10.0.0.0/8', PortRange: { From: 5432, To: 5432 } },
      ],
    });
    assert.deepEqual(acl.subnetIds, ['subnet-a', 'subnet-b']);
    assert.deepEqual(
      acl.entries.map((e) => [e.egress, e.ruleNumber, e.protocol, e.action, e.portRange]),
      [
        [false, 100, 'tcp', 'deny', { from: 5432, to: 5432 }],
        [false, 200, 'tcp', 'allow', { from: 1024, to: 65535 }],
        [true, 32767, 'all', 'deny', undefined],
      ],
    );
  });

  it('detects AmazonProvidedDNS in DHCP options', () => {
    const custom = toDhcpOptionsSummary({ DhcpOptionsId: 'dopt-1', DhcpConfigurations: [{ Key: 'domain-name-servers', Values: [{ Value: '10.0.0.2' }] }] });
    assert.equal(custom.usesAmazonProvidedDns, false);
    const amazon = toDhcpOptionsSummary({ DhcpOptionsId: 'dopt-2', DhcpConfigurations: [{ Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] }] });
    assert.equal(amazon.usesAmazonProvidedDns, true);
  });

  it('orders named endpoints before unnamed ones', () => {
    const mk = (id: string, name?: string) => toInterfaceEndpoint({ VpcEndpointId: id, Tags: name ? [{ Key: 'Name', Value: name }] : [] });
    assert.deepEqual([mk('vpce-2'), mk('vpce-1'), mk('vpce-3', 'b'), mk('vpce-4', 'a')].sort(compareEndpoints).map((e) => e.id), ['vpce-4', 'vpce-3', 'vpce-1', 'vpce-2']);
  });
});
