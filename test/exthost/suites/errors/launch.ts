// The sandbox-configured user of the sandbox suite, in a fresh editor of its own, with a
// PlanetScale token in the environment too (the secret storage starts empty).
import type { ExthostSuiteConfig } from '../../suiteConfig';
import sandbox from '../sandbox/launch';
import { ENV_TOKEN, ENV_TOKEN_ID } from './envToken';

const config: ExthostSuiteConfig = {
  ...sandbox,
  env: (context) => ({ ...sandbox.env?.(context), PLANETSCALE_SERVICE_TOKEN_ID: ENV_TOKEN_ID, PLANETSCALE_SERVICE_TOKEN: ENV_TOKEN }),
};

export default config;
