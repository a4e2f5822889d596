import type * as vscode from 'vscode';
import type * as FeaturesModule from './featuresEntry';

export type Features = typeof FeaturesModule;

// Set by the build: true only for the benchmark's eager build.
declare const EAGER_CORE: boolean | undefined;

/** Loads dist/features.js (the command implementations) once, on the first command that needs it. */
export class LazyFeatures {
  private loaded: Features | undefined;

  constructor() {
    if (typeof EAGER_CORE !== 'undefined' && EAGER_CORE) this.get();
  }

  get(): Features {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.loaded ??= require('./features.js') as Features;
    return this.loaded;
  }
}

export interface Feature {
  run(arg?: unknown): unknown;
  disposables: vscode.Disposable[];
}

/** A feature built on first use; its disposables join the extension's subscriptions then. */
export class DeferredFeature<T extends Feature> {
  private instance: T | undefined;

  constructor(private readonly subscriptions: { push(...items: vscode.Disposable[]): unknown }, private readonly create: () => T) {}

  get(): T {
    if (!this.instance) {
      this.instance = this.create();
      this.subscriptions.push(...this.instance.disposables);
    }
    return this.instance;
  }

  run(arg?: unknown): unknown {
    return this.get().run(arg);
  }
}
