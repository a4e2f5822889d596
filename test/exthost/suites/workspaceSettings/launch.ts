// A user configured for the sandbox (user settings), who opens a trusted folder whose committed
// .vscode/settings.json the tests rewrite to redirect credentials elsewhere on loopback.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the workspaceSettings suite needs the sandbox info');
  return info;
}

export default config;
