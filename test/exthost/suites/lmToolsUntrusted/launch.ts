// The language model tools in an untrusted folder (workspace trust on, the folder never trusted):
// only the read-only tools may exist and work.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  workspaceTrust: true,
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the lmToolsUntrusted suite needs the sandbox info');
  return info;
}

export default config;
