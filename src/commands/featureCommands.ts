// The handlers of commands whose code is in dist/features.js (src/featuresEntry.ts): the table
// names each one's builder (commandTable.ts, `feature(...)`), and the feature (form, panel, flow) is
// built here on the command's first run, once, whichever of its commands runs first.
import { DeferredFeature, type Feature, type Features } from '../deferredFeature';
import type { CommandContext, CommandHandler } from './commandContext';

/** Builds one feature from the features bundle and the command collaborators. */
export type FeatureBuilder<T extends Feature> = (features: Features, ctx: CommandContext) => T;

export class FeatureCommands {
  private readonly built = new Map<FeatureBuilder<Feature>, DeferredFeature<Feature>>();

  constructor(private readonly ctx: CommandContext) {}

  /** The command's handler: runs `invoke` (by default the feature's `run`) on the built feature. */
  handler<T extends Feature>(build: FeatureBuilder<T>, invoke: (feature: T, arg: unknown) => unknown = (feature, arg) => feature.run(arg)): CommandHandler {
    return (arg?: unknown) => invoke(this.get(build), arg);
  }

  /** The feature `build` makes, built now if no command has run it yet. */
  get<T extends Feature>(build: FeatureBuilder<T>): T {
    let deferred = this.built.get(build as FeatureBuilder<Feature>);
    if (!deferred) {
      deferred = new DeferredFeature(this.ctx.services.context.subscriptions, () => build(this.ctx.features.get(), this.ctx));
      this.built.set(build as FeatureBuilder<Feature>, deferred);
    }
    return deferred.get() as T;
  }
}
