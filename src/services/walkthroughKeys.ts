// The context keys behind the walkthrough's `onContext:` completion events (package.json), set by
// walkthroughProgress.ts. No \`vscode\` import: the manifest's unit test reads them too.

/** One key per step, in step order: true once the step's fact is true. */
export const WALKTHROUGH_CONTEXT = {
  profileReady: 'planetscalePrivateLink.walkthrough.profileReady',
  tokenStored: 'planetscalePrivateLink.walkthrough.tokenStored',
  endpointCreated: 'planetscalePrivateLink.walkthrough.endpointCreated',
  endpointAvailable: 'planetscalePrivateLink.walkthrough.endpointAvailable',
  envWritten: 'planetscalePrivateLink.walkthrough.envWritten',
  diagnosed: 'planetscalePrivateLink.walkthrough.diagnosed',
} as const;

/** Keys true only for a moment after each refresh (see walkthroughProgress.ts for why). */
export const WALKTHROUGH_PULSES = ['planetscalePrivateLink.walkthrough.pulseA', 'planetscalePrivateLink.walkthrough.pulseB'] as const;

export type WalkthroughFact = keyof typeof WALKTHROUGH_CONTEXT;
export type WalkthroughFacts = Record<WalkthroughFact, boolean>;

/** The completion events of the step whose fact is `fact`: the fact, and the fact with each pulse. */
export function completionEventsFor(fact: WalkthroughFact): string[] {
  const key = WALKTHROUGH_CONTEXT[fact];
  return [`onContext:${key}`, ...WALKTHROUGH_PULSES.map((pulse) => `onContext:${key} && ${pulse}`)];
}
