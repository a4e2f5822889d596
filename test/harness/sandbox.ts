// Starts the sandbox (sandbox/index.ts) in this process for suites that need it.
import type { Sandbox, SandboxOptions } from '../../sandbox/index';

export type RunningSandbox = Sandbox;

/** Loaded at run time so that runs without the sandbox never load its modules. */
export async function startTestSandbox(options?: SandboxOptions): Promise<RunningSandbox> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox } = require('../../sandbox/index') as typeof import('../../sandbox/index');
  return startSandbox(options);
}
