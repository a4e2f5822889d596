// The sandbox suite's user: the extension configured for the sandbox through the settings a real
// user has (AWS profile files, EC2 endpoint, PlanetScale API, DNS server, CA). Private only runs
// in its own editor so its IP rules and verified paths do not leak into the other suites.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the sandbox suite needs the sandbox info');
  return info;
}

export default config;
