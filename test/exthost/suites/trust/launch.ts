// Issue 13 (trust): the shipped Write Connection String command against the sandbox, configured
// exactly as a user would (AWS profile files, EC2 endpoint, PlanetScale API, DNS server, CA); the
// sandbox info (including the PlanetScale token) reaches the tests as PRIVATELINK_SANDBOX_INFO.
import { sandboxEnv, sandboxSettings } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  needsSandbox: true,
  env: ({ sandbox }) => sandboxEnv(requireSandbox(sandbox)),
  userSettings: ({ sandbox }) => sandboxSettings(requireSandbox(sandbox)),
};

function requireSandbox<T>(info: T | undefined): T {
  if (!info) throw new Error('the trust suite needs the sandbox info');
  return info;
}

export default config;
