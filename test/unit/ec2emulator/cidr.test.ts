// CIDR arithmetic and interface IP allocation of the EC2 emulator.
import assert from 'node:assert/strict';
import { allocateIp, cidrWithin, parseCidr, parseIpv4 } from '../../../sandbox/ec2/cidr';

describe('ec2emulator/cidr', () => {
  it('parses CIDRs and rejects malformed ones', () => {
    assert.deepEqual(parseCidr('127.10.1.0/24'), { base: parseIpv4('127.10.1.0'), prefix: 24, size: 256 });
    assert.equal(parseCidr('127.10.1.7/24')?.base, parseIpv4('127.10.1.0'), 'host bits are masked');
    for (const bad of ['127.10.1.0/33', '127.10.1/24', '256.0.0.0/8', 'abc', '10.0.0.0/', '1.2.3.4/-1']) assert.equal(parseCidr(bad), undefined, bad);
    assert.equal(cidrWithin(parseCidr('127.10.1.0/24')!, parseCidr('127.10.0.0/16')!), true);
    assert.equal(cidrWithin(parseCidr('127.11.1.0/24')!, parseCidr('127.10.0.0/16')!), false);
  });

  it('allocates from .10 upward, skipping used addresses and never the network, AWS-reserved or broadcast ones', () => {
    assert.equal(allocateIp('127.10.1.0/24', new Set()), '127.10.1.10');
    assert.equal(allocateIp('127.10.1.0/24', new Set(['127.10.1.10', '127.10.1.11'])), '127.10.1.12');
    const used = new Set(Array.from({ length: 245 }, (_, i) => `127.10.1.${i + 10}`));
    assert.equal(allocateIp('127.10.1.0/24', used), undefined, '.255 is never handed out');
    const small = allocateIp('127.10.1.0/28', new Set(), 0);
    assert.equal(small, '127.10.1.4', 'the first four addresses are AWS-reserved');
    const wide = new Set(Array.from({ length: 256 }, (_, i) => `127.12.0.${i}`));
    assert.equal(allocateIp('127.12.0.0/20', wide), '127.12.1.1', 'x.x.x.0 inside a wider subnet is skipped too');
  });
});
