import assert from 'node:assert/strict';
import { PollScheduler } from '../../../src/aws/watch/pollScheduler';

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
