import assert from 'node:assert/strict';
import { POLL_BOUNDS, PollScheduler, clampPollIntervals, type PollIntervals } from '../../../../src/aws/watch/pollScheduler';
import manifest from '../../../../package.json';

const intervals = { pendingSeconds: 10, maxPendingSeconds: 60, stableSeconds: 300 };

describe('PollScheduler', () => {
  it('polls about every 10 s while pending, backing off by 1.5 up to the cap', () => {
    const s = new PollScheduler(intervals);
    const delays = Array.from({ length: 8 }, () => s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true }));
    assert.deepEqual(delays, [10_000, 15_000, 22_500, 33_750, 50_625, 60_000, 60_000, 60_000]);
  });

  it('polls every 5 minutes when all are stable and restarts the back-off after', () => {
    const s = new PollScheduler(intervals);
    s.nextDelayMs({ watched: 2, anyUnsettled: true, focused: true });
    s.nextDelayMs({ watched: 2, anyUnsettled: true, focused: true });
    assert.equal(s.nextDelayMs({ watched: 2, anyUnsettled: false, focused: true }), 300_000);
    assert.equal(s.nextDelayMs({ watched: 2, anyUnsettled: true, focused: true }), 10_000);
  });

  it('pauses while unfocused and stops when nothing is watched', () => {
    const s = new PollScheduler(intervals);
    assert.equal(s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: false }), undefined);
    assert.equal(s.nextDelayMs({ watched: 0, anyUnsettled: false, focused: true }), undefined);
  });

  it('reset() restarts the pending rhythm', () => {
    const s = new PollScheduler(intervals);
    s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true });
    s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true });
    s.reset();
    assert.equal(s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true }), 10_000);
  });
});

describe('poll interval bounds', () => {
  const hostile: unknown[] = [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '10', null, undefined, {}, 1e-9];

  it('never schedules a poll sooner than the minimum, whatever the settings hold', () => {
    for (const value of hostile) {
      const raw = { pendingSeconds: value, maxPendingSeconds: value, stableSeconds: value } as unknown as PollIntervals;
      const s = new PollScheduler(raw);
      const pending = s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true });
      const stable = s.nextDelayMs({ watched: 1, anyUnsettled: false, focused: true });
      assert.ok(pending !== undefined && pending >= POLL_BOUNDS.pendingSeconds.min * 1000, `pending delay ${pending} for ${String(value)}`);
      assert.ok(stable !== undefined && stable >= POLL_BOUNDS.stableSeconds.min * 1000, `stable delay ${stable} for ${String(value)}`);
      s.setIntervals(raw);
      assert.ok(s.nextDelayMs({ watched: 1, anyUnsettled: true, focused: true })! >= 2000);
    }
  });

  it('clamps numbers into the bounds and replaces non-numbers by the defaults', () => {
    assert.deepEqual(clampPollIntervals({ pendingSeconds: 0, maxPendingSeconds: -1, stableSeconds: 1e9 }), { pendingSeconds: 2, maxPendingSeconds: 5, stableSeconds: 86_400 });
    assert.deepEqual(clampPollIntervals({ pendingSeconds: 'x', maxPendingSeconds: Number.NaN, stableSeconds: null }), { pendingSeconds: 10, maxPendingSeconds: 60, stableSeconds: 300 });
    assert.deepEqual(clampPollIntervals({ pendingSeconds: 4, maxPendingSeconds: 90, stableSeconds: 600 }), { pendingSeconds: 4, maxPendingSeconds: 90, stableSeconds: 600 });
  });

  it('uses the same bounds and defaults as the settings schema', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { minimum?: number; maximum?: number; default?: unknown }>;
    for (const [key, bounds] of Object.entries(POLL_BOUNDS)) {
      const schema = properties[`planetscalePrivateLink.polling.${key}`];
      assert.deepEqual({ min: schema.minimum, max: schema.maximum, fallback: schema.default }, bounds, key);
    }
  });
});
