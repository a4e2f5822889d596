import assert from 'node:assert/strict';
import { placeSeed, shiftSeed } from '../../../sandbox/networkPlacement';
import { loadSeed } from '../../../sandbox/ec2/seed';

describe('sandbox network placement', () => {
  it('shifts every loopback network of the seed by the same amount', () => {
    const seed = loadSeed(undefined);
    const shifted = JSON.stringify(shiftSeed(seed, 30));
    assert.doesNotMatch(shifted, /"127\.(10|11|12|20)\./);
    assert.match(shifted, /"127\.40\.0\.0\/16"/);
    assert.match(shifted, /"127\.50\.1\.0\/24"/);
  });

  it('gives a second sandbox a different block while the first holds its own', async () => {
    const first = await placeSeed(undefined, 5432);
    const second = await placeSeed(undefined, 5432);
    try {
      assert.notEqual(first.shift, second.shift);
      const cidrs = (p: typeof first) => JSON.stringify(p.seed).match(/"127\.\d+\.0\.0\/16"/g)!.sort();
      assert.equal(cidrs(first).filter((c) => cidrs(second).includes(c)).length, 0, 'no VPC CIDR in common');
    } finally {
      await second.release();
      await first.release();
    }
  });

  it('hands a released block out again', async () => {
    const first = await placeSeed(undefined, 5432);
    await first.release();
    const again = await placeSeed(undefined, 5432);
    await again.release();
    assert.equal(again.shift, first.shift);
  });
});
