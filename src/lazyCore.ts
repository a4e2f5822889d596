import type * as CoreModule from './coreEntry';

export type Core = typeof CoreModule;

// Set by the build: true only for the benchmark's eager build.
declare const EAGER_CORE: boolean | undefined;

/**
 * The AWS SDK and pg live in a second bundle (dist/core.js) so activation stays cheap;
 * the first command or tree expansion that needs them pays the load once.
 */
export class LazyCore {
  private loaded: Core | undefined;

  constructor() {
    if (typeof EAGER_CORE !== 'undefined' && EAGER_CORE) {
      this.get();
    }
  }

  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  get(): Core {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.loaded ??= require('./core.js') as Core;
    return this.loaded;
  }
}
