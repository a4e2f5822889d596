// The rule for tests that cannot run on this machine: skip with a reason, but fail under CI=true.
import assert from 'node:assert/strict';
import type { Context } from 'mocha';
import { skipOrFailInCi } from '../../integration/support/skipOrFail';

describe('skipOrFailInCi', () => {
  const saved = process.env.CI;
  afterEach(() => {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  });

  /** A mocha context whose skip() records that it was called (mocha's own throws to stop the test). */
  function context(): { ctx: Context; skipped: () => boolean } {
    let skipped = false;
    const ctx = {
      skip: () => {
        skipped = true;
        throw new Error('skipped');
      },
    } as unknown as Context;
    return { ctx, skipped: () => skipped };
  }

  it('fails, naming the reason, when CI=true', () => {
    process.env.CI = 'true';
    const { ctx, skipped } = context();
    assert.throws(() => skipOrFailInCi(ctx, 'the AWS CLI `aws` is not on PATH'), /the AWS CLI `aws` is not on PATH; CI=true requires this test to run/);
    assert.equal(skipped(), false);
  });

  it('skips elsewhere', () => {
    delete process.env.CI;
    const { ctx, skipped } = context();
    assert.throws(() => skipOrFailInCi(ctx, 'moto_server is not on PATH'), /skipped/);
    assert.equal(skipped(), true);
  });
});
