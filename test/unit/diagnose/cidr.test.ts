import assert from 'node:assert/strict';
import { cidrContains, cidrProblem, formatCidr, formatIpv4, parseCidr, parseIpv4, rangesCover } from '../../../src/diagnose/cidr';

describe('cidr', () => {
  it('parses addresses above 128.0.0.0 without sign trouble', () => {
    assert.equal(parseIpv4('255.255.255.255'), 2 ** 32 - 1);
    assert.equal(formatIpv4(parseIpv4('200.1.2.3')!), '200.1.2.3');
  });

  it('rejects malformed addresses and prefixes', () => {
    for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4/33', '1.2.3.4/', 'a.b.c.d/8', '']) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
    assert.match(cidrProblem('client CIDR', '10.0.0.0/40') ?? '', /client CIDR: "10\.0\.0\.0\/40"/);
    assert.equal(cidrProblem('client CIDR', '10.0.0.0/8'), undefined);
  });

  it('reads a bare address as /32 and clears host bits', () => {
    assert.deepEqual(parseCidr('10.0.1.25'), { first: parseIpv4('10.0.1.25'), last: parseIpv4('10.0.1.25'), prefix: 32 });
    assert.equal(formatCidr(parseCidr('10.0.7.5/16')!), '10.0.0.0/16');
  });

  it('contains with /0 and /32 edges', () => {
    assert.equal(cidrContains('0.0.0.0/0', '255.255.255.255/32'), true);
    assert.equal(cidrContains('0.0.0.0/0', '0.0.0.0/0'), true);
    assert.equal(cidrContains('127.10.1.50/32', '127.10.1.50'), true);
    assert.equal(cidrContains('127.10.1.50/32', '127.10.1.51'), false);
    assert.equal(cidrContains('127.10.0.0/16', '127.10.1.0/24'), true);
    assert.equal(cidrContains('127.10.1.0/24', '127.10.0.0/16'), false, 'a wider block is not inside a narrower one');
    assert.equal(cidrContains('127.10.1.0/24', 'nonsense'), false);
  });

  it('tells when several ranges together cover a block', () => {
    const halves = [parseCidr('10.0.0.0/25')!, parseCidr('10.0.0.128/25')!];
    assert.equal(rangesCover(halves, parseCidr('10.0.0.0/24')!), true);
    assert.equal(rangesCover([halves[0]], parseCidr('10.0.0.0/24')!), false);
    assert.equal(rangesCover([parseCidr('10.0.0.0/26')!, halves[1]], parseCidr('10.0.0.0/24')!), false, 'gap 10.0.0.64/26');
  });
});
