// How an extension-host suite is launched. Each suite folder test/exthost/suites/<name>/ holds its
// *.test.ts files (bundled and run inside the extension host) and a launch.ts (run by the outer
// runner, never bundled) whose default export is an ExthostSuiteConfig.
import type { EnvVars, SandboxInfo, UserSettings } from '../harness/editorEnvironment';
import type { SandboxOptions } from '../../sandbox/index';

export interface SuiteLaunchContext {
  /** A temp folder of this run (removed afterwards). */
  tmpDir: string;
  /** The workspace folder the editor opens (empty, inside tmpDir). */
  workspace: string;
  /** Present when the suite asked for the sandbox. */
  sandbox?: SandboxInfo;
}

export interface ExthostSuiteConfig {
  /** Start the sandbox (sandbox/index.ts) for this suite and hand its info to the host. */
  needsSandbox?: boolean;
  /** Options for that sandbox (e.g. `vantage: 'laptop'`). */
  sandboxOptions?: SandboxOptions;
  /** Write files the tests expect into the workspace. */
  prepareWorkspace?(context: SuiteLaunchContext): void;
  /** User settings (over the harness's quiet defaults). */
  userSettings?(context: SuiteLaunchContext): UserSettings;
  /** Environment of the editor and its extension host (over an isolated one with its own HOME). */
  env?(context: SuiteLaunchContext): EnvVars;
  /** Keep workspace trust enabled (default: disabled, the workspace is trusted). */
  workspaceTrust?: boolean;
  /** Whole-run limit in ms (default 5 minutes). */
  timeoutMs?: number;
}
