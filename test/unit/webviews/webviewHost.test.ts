// The host both panels share: what a page posts is parsed before anything acts on it, `ready` is the
// handshake, a failing handler still answers, and nothing leaves unredacted.
import assert from 'node:assert/strict';
import { parseDiagnoseMessage } from '../../../src/webviews/protocol/diagnoseMessages';
import type { DiagnoseHostMessage, DiagnoseWebviewMessage } from '../../../src/webviews/protocol/diagnoseProtocol';
import { redactStrings, WebviewHost, type WebviewChannel } from '../../../src/webviews/webviewHost';

type Listener = (raw: unknown) => unknown;

/** A message pair like a webview's: the test plays the page. */
class PagePair implements WebviewChannel<DiagnoseHostMessage> {
  readonly sent: DiagnoseHostMessage[] = [];
  private listeners: Listener[] = [];
  failPosts = false;
  onDidReceiveMessage = (listener: Listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  async postMessage(message: DiagnoseHostMessage): Promise<boolean> {
    if (this.failPosts) throw new Error('Webview is disposed');
    this.sent.push(message);
    return true;
  }
  pagePosts(raw: unknown): void {
    for (const l of this.listeners) l(raw);
  }
}

class RecordingLog {
  readonly lines: string[] = [];
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string) => void this.lines.push(`error ${m}`);
  debug = (m: string) => void this.lines.push(`debug ${m}`);
}

const SECRET = 'pscale_pw_s3cret';
const redact = (text: string) => text.split(SECRET).join('****');

class TestHost extends WebviewHost<DiagnoseWebviewMessage, DiagnoseHostMessage> {
  readonly served: DiagnoseWebviewMessage[] = [];
  readies = 0;
  constructor(channel: PagePair, readonly log: RecordingLog, private readonly failWith?: Error) {
    super(channel, { name: 'Test panel', parse: parseDiagnoseMessage, log, redact });
  }
  protected async ready(): Promise<void> {
    this.readies++;
    await this.post({ type: 'actionDone', requestId: 1, ok: true, message: `view for ${SECRET}` });
  }
  protected async dispatch(message: Exclude<DiagnoseWebviewMessage, { type: 'ready' }>): Promise<void> {
    this.served.push(message);
    if (this.failWith) throw this.failWith;
    await this.post({ type: 'actionDone', requestId: message.requestId, ok: true });
  }
}

function setUp(failWith?: Error) {
  const page = new PagePair();
  const log = new RecordingLog();
  return { page, log, host: new TestHost(page, log, failWith) };
}

describe('webview host (shared by the Create Endpoint form and the Diagnose panel)', () => {
  it('refuses a malformed message with its request id and serves nothing', async () => {
    const { page, log, host } = setUp();
    page.pagePosts({ type: 'applyFix', requestId: 7, checkId: 'everything' });
    page.pagePosts({ type: 'dropTables', requestId: 8 });
    page.pagePosts('ready');
    await host.settled();
    assert.deepEqual(host.served, []);
    assert.equal(host.readies, 0);
    assert.deepEqual(page.sent.map((m) => [m.type, 'requestId' in m ? m.requestId : undefined]), [['rejected', 7], ['rejected', 8], ['rejected', undefined]]);
    assert.ok(log.lines.every((l) => l.startsWith('warn Test panel: refused a message from the webview:')), log.lines.join('\n'));
  });

  it('answers ready through the handshake and routes requests to dispatch', async () => {
    const { page, host } = setUp();
    page.pagePosts({ type: 'ready' });
    page.pagePosts({ type: 'action', requestId: 3, action: 'rerun', extra: 'dropped' });
    await host.settled();
    assert.equal(host.readies, 1);
    assert.deepEqual(host.served, [{ type: 'action', requestId: 3, action: 'rerun' }]);
    assert.deepEqual(page.sent[1], { type: 'actionDone', requestId: 3, ok: true });
  });

  it('still answers the page when a handler throws, and logs the failure redacted', async () => {
    const { page, log, host } = setUp(new Error(`login failed for ${SECRET}`));
    page.pagePosts({ type: 'copyFix', requestId: 5, checkId: 'vpcDns' });
    await host.settled();
    assert.deepEqual(page.sent, [{ type: 'rejected', requestId: 5, reason: 'The extension could not handle this request; the log has details.' }]);
    assert.ok(log.lines.some((l) => l.startsWith('error Test panel: copyFix failed:')), log.lines.join('\n'));
    assert.ok(!log.lines.join('\n').includes(SECRET));
  });

  it('redacts every string of every outgoing message', async () => {
    const { page, host } = setUp();
    page.pagePosts({ type: 'ready' });
    await host.settled();
    assert.deepEqual(page.sent, [{ type: 'actionDone', requestId: 1, ok: true, message: 'view for ****' }]);
    assert.deepEqual(redactStrings({ a: [SECRET, { b: `x${SECRET}` }], n: 4, t: true }, redact), { a: ['****', { b: 'x****' }], n: 4, t: true });
  });

  it('after dispose neither listens nor posts, and a post to a closed page does not throw', async () => {
    const { page, log, host } = setUp();
    page.failPosts = true;
    page.pagePosts({ type: 'ready' });
    await host.settled();
    assert.ok(log.lines.some((l) => l.startsWith('debug Test panel: message not delivered')), log.lines.join('\n'));
    page.failPosts = false;
    host.dispose();
    page.pagePosts({ type: 'action', requestId: 2, action: 'rerun' });
    await host.settled();
    assert.deepEqual(host.served, []);
    assert.deepEqual(page.sent, []);
  });
});
