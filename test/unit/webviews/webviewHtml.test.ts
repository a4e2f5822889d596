import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { contentSecurityPolicy, createNonce, renderWebviewHtml, webviewAssetRoots, webviewPanelOptions } from '../../../src/webviews/webviewHtml';

/** The part of vscode.Uri the page builder uses: a path and with(). */
class PathUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  with(change: { path?: string }): PathUri {
    return new PathUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://ext${this.path}`;
  }
}

const extensionUri = new PathUri('file', '/ext/planetscale') as unknown as vscode.Uri;
const webview = {
  cspSource: 'https://webview.test',
  asWebviewUri: (uri: vscode.Uri) => new PathUri('https', `/resource${uri.path}`) as unknown as vscode.Uri,
};

describe('webview page', () => {
  it('uses a fresh random nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{24}$/);
  });

  it('allows only nonce scripts and the webview origin for styles, nothing from the network', () => {
    const csp = contentSecurityPolicy('https://webview.test', 'abc123');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src https:\/\/webview\.test(;|$)/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
  });

  it('loads the bundle and stylesheet through asWebviewUri from dist/webview, with the nonce', () => {
    const html = renderWebviewHtml(webview, extensionUri, { bundle: 'createEndpoint', title: 'Create <Endpoint>' }, 'N0NCE');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-N0NCE&#39;/);
    assert.match(html, /<script nonce="N0NCE" src="https:\/\/ext\/resource\/ext\/planetscale\/dist\/webview\/createEndpoint\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/ext\/resource\/ext\/planetscale\/dist\/webview\/createEndpoint\.css">/);
    assert.match(html, /<title>Create &lt;Endpoint&gt;<\/title>/);
    // One script only, and no inline script or style.
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('limits local resources to the built assets', () => {
    assert.deepEqual(
      webviewAssetRoots(extensionUri).map((u) => u.path),
      ['/ext/planetscale/dist/webview'],
    );
    const options = webviewPanelOptions(extensionUri);
    assert.equal(options.enableScripts, true);
    assert.equal(options.retainContextWhenHidden, false);
    assert.deepEqual(options.localResourceRoots?.map((u) => u.path), ['/ext/planetscale/dist/webview']);
  });
});
