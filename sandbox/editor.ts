// Editor mode of `npm run sandbox`: code-server (a full VS Code in the browser) with the
// extension loaded and its settings pointing at the sandbox, as a user would set them. Kept apart
// from the services so `--no-editor` never loads the harness or code-server.
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from './index';

export interface RunningEditor {
  url: string;
  stop(): Promise<void>;
}

export async function startEditor(sandbox: Sandbox): Promise<RunningEditor> {
  // Loaded lazily: the harness pulls in code-server paths that the services never need.
  const { startCodeServer } = await import('../test/harness/codeServer');
  const { sandboxEnv, sandboxSettings } = await import('../test/harness/editorEnvironment');
  const { packagedVsixPath, projectRoot } = await import('../test/harness/paths');

  const workspace = join(sandbox.dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, '.env'), '# The extension writes the verified connection string here.\n');

  // Whichever build is newer: a packaged .vsix (installed like a user would) or dist/ (loaded as a
  // development extension), so a stale package never hides a fresh build.
  const vsix = packagedVsixPath();
  const bundle = join(projectRoot, 'dist', 'extension.js');
  const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -1);
  if (mtime(vsix) < 0 && mtime(bundle) < 0) {
    throw new Error('The extension is not built: run "npm run build" (or "npm run package") before "npm run sandbox", or use --no-editor.');
  }
  const useVsix = mtime(vsix) >= mtime(bundle);
  const { info } = sandbox;
  const server = await startCodeServer({
    folder: workspace,
    userSettings: sandboxSettings(info),
    env: {
      ...sandboxEnv(info),
      AWS_PROFILE: info.awsProfile,
      PLANETSCALE_SERVICE_TOKEN_ID: info.planetscaleTokenId,
      PLANETSCALE_SERVICE_TOKEN: info.planetscaleToken,
      PLANETSCALE_ORG: info.planetscaleOrg,
      // For the demo's terminal: the private host resolves only through the sandbox DNS, and its
      // certificate comes from the sandbox CA (see README, "The demo").
      SANDBOX_DNS_HOST: info.dnsServer.split(':')[0],
      SANDBOX_DNS_PORT: info.dnsServer.split(':')[1],
      SANDBOX_CA_FILE: info.caFile,
    },
    ...(useVsix ? { installVsix: vsix, smokeTestDriver: false } : { extensionDevelopmentPath: projectRoot, smokeTestDriver: true }),
  });
  return { url: server.url, stop: () => server.stop() };
}
