// The laptop: VS Code outside every VPC (the sandbox's laptop vantage), configured for the
// sandbox through the user's settings; the private path can only be proven through SSM.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  sandboxOptions: { vantage: 'laptop', endpointAvailableAfterMs: 300, ssmTimings: { visibleAfterMs: 300, deliveryMs: 200 } },
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the laptop suite needs the sandbox info');
  return info;
}

export default config;
