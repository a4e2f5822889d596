import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
// Type-only: Uri.with() on the given instances does what Uri.joinPath does, so this module loads
// without the editor (its output is unit-tested).
import type * as vscode from 'vscode';

/** Where the build puts every webview bundle (scripts/build.mjs: media/src/<name>/ → dist/webview/<name>.*). */
export const WEBVIEW_ASSET_DIR = ['dist', 'webview'] as const;

/** The only folder a webview may load from: the built assets, never the workspace or media/src. */
export function webviewAssetRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [webviewAssetUri(extensionUri)];
}

/** dist/webview/<file> inside the extension (the folder itself without a file). */
export function webviewAssetUri(extensionUri: vscode.Uri, file = ''): vscode.Uri {
  return extensionUri.with({ path: posix.join(extensionUri.path, ...WEBVIEW_ASSET_DIR, file) });
}

/** Options for createWebviewPanel: scripts on, assets limited to dist/webview. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: webviewAssetRoots(extensionUri),
    // State survives hiding through the webview's own getState/setState and the host re-sending
    // its data on `ready`; retaining the whole page would cost memory for every hidden panel.
    retainContextWhenHidden: false,
  };
}

/** A fresh nonce per page load; base64 from `crypto`, never Math.random. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The strict policy: nothing by default, scripts only with this page's nonce, styles and fonts only
 * from the webview's own resource origin (the toolkit's components style themselves through
 * constructable stylesheets, which need no 'unsafe-inline'), no network at all.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface WebviewPage {
  /** The bundle name: dist/webview/<name>.js and dist/webview/<name>.css. */
  bundle: string;
  title: string;
  /** Text shown until the script has rendered (also what a screen reader hears first). */
  loadingText?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page shell: CSP meta, the bundle's stylesheet and script (nonce'd), a root element. */
export function renderWebviewHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, extensionUri: vscode.Uri, page: WebviewPage, nonce = createNonce()): string {
  const asset = (file: string) => webview.asWebviewUri(webviewAssetUri(extensionUri, file)).toString();
  const csp = contentSecurityPolicy(webview.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(page.title)}</title>
  <link rel="stylesheet" href="${escapeHtml(asset(`${page.bundle}.css`))}">
</head>
<body>
  <main id="app" aria-busy="true"><p>${escapeHtml(page.loadingText ?? 'Loading…')}</p></main>
  <script nonce="${nonce}" src="${escapeHtml(asset(`${page.bundle}.js`))}"></script>
</body>
</html>`;
}
