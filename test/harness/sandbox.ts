// Starts the sandbox (sandbox/index.ts) in this process for suites that need it.
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxInfo } from './editorEnvironment';
import { projectRoot } from './paths';

export interface RunningSandbox {
  info: SandboxInfo;
  stop(): Promise<void>;
}

interface SandboxModule {
  startSandbox(options?: Record<string, unknown>): Promise<RunningSandbox>;
}

/** Loaded at run time so that suites without the sandbox never load it. */
export async function startTestSandbox(options?: Record<string, unknown>): Promise<RunningSandbox> {
  const entry = path.join(projectRoot, 'sandbox', 'index.ts');
  if (!fs.existsSync(entry)) throw new Error(`the sandbox entry ${entry} does not exist yet`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(entry) as SandboxModule;
  if (typeof mod.startSandbox !== 'function') throw new Error(`${entry} does not export startSandbox()`);
  return mod.startSandbox(options);
}
