// Runs the same extension-host suites in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code: `npm run test:electron [-- suite ...]`. Not used in CI here
// (code-server runs them instead: test/exthost/runSuites.ts). VSCODE_TEST_VERSION picks the build
// (default: stable); on a machine without a display, run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import path from 'node:path';
import { baseUserSettings, isolatedEnv } from '../harness/editorEnvironment';
import { projectRoot } from '../harness/paths';
import { startTestSandbox, type RunningSandbox } from '../harness/sandbox';
import { makeTempDir } from '../harness/tempDir';
import { compiledSuiteIndex, listSuites, loadSuiteConfig } from './runSuites';
import type { SuiteLaunchContext } from './suiteConfig';

async function runSuite(suite: string): Promise<number> {
  const config = loadSuiteConfig(suite);
  const tmp = makeTempDir(`electron-${suite}`);
  let sandbox: RunningSandbox | undefined;
  try {
    if (config.needsSandbox) sandbox = await startTestSandbox();
    const context: SuiteLaunchContext = { tmpDir: tmp.path, workspace: tmp.sub('workspace'), sandbox: sandbox?.info };
    config.prepareWorkspace?.(context);
    const userDataDir = tmp.sub('user');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    const settings = {
      ...baseUserSettings,
      'security.workspace.trust.enabled': config.workspaceTrust ?? false,
      ...config.userSettings?.(context),
    };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

    // test-electron merges this over process.env: blank out what isolatedEnv drops.
    const isolated = isolatedEnv(tmp.sub('home'), config.env?.(context) ?? {});
    const env: Record<string, string | undefined> = {};
    for (const key of Object.keys(process.env)) if (!(key in isolated)) env[key] = undefined;
    Object.assign(env, isolated);

    return await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: compiledSuiteIndex(suite),
      extensionTestsEnv: env,
      launchArgs: [
        context.workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', tmp.sub('extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    await sandbox?.stop();
    tmp.remove();
  }
}

async function main(): Promise<void> {
  const suites = process.argv.slice(2).length ? process.argv.slice(2) : listSuites();
  let failed = 0;
  for (const suite of suites) {
    console.log(`\n== extension host suite (VS Code desktop): ${suite} ==`);
    try {
      const code = await runSuite(suite);
      if (code !== 0) failed += 1;
      console.log(`suite ${suite}: exit code ${code}`);
    } catch (err) {
      failed += 1;
      console.log(`suite ${suite}: could not run: ${(err as Error).message}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
