// The panels suite runs as a sandbox user (the same settings and AWS files as the sandbox suite):
// the Diagnose panel's stale results, both panels' revival from saved state, and the trees' ids.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the panels suite needs the sandbox info');
  return info;
}

export default config;
