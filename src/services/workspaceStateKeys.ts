// Workspace-state keys read by more than one module (the writer and the walkthrough).

/** `.env` file URI → the variable names the extension wrote there (so a rewrite replaces them). */
export const MANAGED_ENV_KEYS_KEY = 'planetscalePrivateLink.managedEnvKeys';
