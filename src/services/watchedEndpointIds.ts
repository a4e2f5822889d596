import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import type { WorkspaceStore } from './workspaceStore';

/** The two lists of watched endpoints in the store: created here, or pinned. */
export const WATCHED_LISTS = ['createdEndpoints', 'watchedEndpoints'] as const;

/** Every watched endpoint, one entry per id (a pin adds to what creation recorded). */
export function readWatchedEndpoints(store: WorkspaceStore): WatchedEndpoint[] {
  const byId = new Map<string, WatchedEndpoint>();
  for (const list of WATCHED_LISTS) {
    for (const e of store.get(list) ?? []) byId.set(e.endpointId, { ...byId.get(e.endpointId), ...e });
  }
  return [...byId.values()];
}

export function watchedEndpointIds(store: WorkspaceStore): Set<string> {
  return new Set(readWatchedEndpoints(store).map((e) => e.endpointId));
}
