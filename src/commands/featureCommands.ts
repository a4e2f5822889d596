// The commands whose code is in dist/features.js (src/featuresEntry.ts): each handler here is a
// thin proxy, and the feature (form, panel, flow) is built on the command's first run.
import { DeferredFeature } from '../deferredFeature';
import type { CommandContext } from './commandContext';

export function featureCommands({ services, awsTree, watcher, features }: CommandContext) {
  const subs = services.context.subscriptions;
  const feature = features.get.bind(features);
  const writeConnectionString = new DeferredFeature(subs, () => feature().writeConnectionStringFeature(services, awsTree));
  const createEndpoint = new DeferredFeature(subs, () => feature().createEndpointFeature(services));
  const diagnose = new DeferredFeature(subs, () => feature().diagnoseFeature(services, { awsTree, watcher }));
  const resumeCreation = new DeferredFeature(subs, () => feature().resumeCreationFeature(services));
  const publicAccess = new DeferredFeature(subs, () => feature().publicAccessFeature(services, awsTree));
  const verifyFromInstance = new DeferredFeature(subs, () => feature().verifyFromInstanceFeature(services, (name) => awsTree.endpointsForService(name)));
  return {
    /** The built features, for the extension-host tests' window into the running extension. */
    loaded: { diagnose, publicAccess, createEndpoint },
    writeConnectionString: (arg?: unknown) => writeConnectionString.run(arg),
    createEndpoint: (arg?: unknown) => createEndpoint.run(arg),
    diagnose: (arg?: unknown) => diagnose.run(arg),
    resumeInterruptedCreation: (arg?: unknown) => resumeCreation.run(arg),
    restrictToPrivate: (arg?: unknown) => publicAccess.get().restrict(arg),
    allowPublicAgain: (arg?: unknown) => publicAccess.get().allowAgain(arg),
    verifyFromInstance: (arg?: unknown) => verifyFromInstance.run(arg),
  };
}
