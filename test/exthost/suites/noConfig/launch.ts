// A first-time user: no AWS configuration, no PlanetScale token, fresh settings.
import { noAwsConfigEnv } from '../../../harness/editorEnvironment';
import type { ExthostSuiteConfig } from '../../suiteConfig';

const config: ExthostSuiteConfig = {
  env: ({ tmpDir }) => noAwsConfigEnv(tmpDir),
  userSettings: () => ({}),
};

export default config;
