import assert from 'node:assert/strict';
import { abortableSleep } from '../../../src/connection/abortableSleep';

describe('connection/abortableSleep: the one cancellable sleep', () => {
  it('resolves after the delay when nothing aborts', async () => {
    const started = Date.now();
    await abortableSleep(20);
    assert.ok(Date.now() - started >= 15);
  });

  it("rejects with the signal's reason when aborted during the sleep, long before the delay", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop now'));
    await assert.rejects(sleeping, /stop now/);
    assert.ok(Date.now() - started < 30_000);
  });

  it("rejects at once with the caller's own error when the signal has already aborted", async () => {
    const named = () => Object.assign(new Error('The verification from the instance was cancelled.'), { name: 'AbortError' });
    await assert.rejects(abortableSleep(60_000, AbortSignal.abort(), named), { name: 'AbortError', message: /verification from the instance was cancelled/ });
  });
});
