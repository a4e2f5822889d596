// The walkthrough's progress: a user configured for the sandbox (the profile set in the settings)
// whose PlanetScale token comes from the environment, so two steps are already true as the
// extension activates; the others become true through real events in the tests.
import { sandboxEnv, sandboxSettings, type SandboxInfo } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  env: ({ sandbox }) => {
    const info = requireSandbox(sandbox);
    return { ...sandboxEnv(info), PLANETSCALE_SERVICE_TOKEN_ID: info.planetscaleTokenId, PLANETSCALE_SERVICE_TOKEN: info.planetscaleToken };
  },
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox(info: SandboxInfo | undefined): SandboxInfo {
  if (!info) throw new Error('the walkthrough suite needs the sandbox info');
  return info;
}

export default config;
