import type * as vscode from 'vscode';
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';

/** Workspace-state keys of the endpoints this workspace watches (created here, or pinned). */
export const CREATED_ENDPOINTS_KEY = 'planetscalePrivateLink.createdEndpoints';
export const WATCHED_ENDPOINTS_KEY = 'planetscalePrivateLink.watchedEndpoints';

/** Every watched endpoint, one entry per id (a pin adds to what creation recorded). */
export function readWatchedEndpoints(state: vscode.Memento): WatchedEndpoint[] {
  const byId = new Map<string, WatchedEndpoint>();
  for (const key of [CREATED_ENDPOINTS_KEY, WATCHED_ENDPOINTS_KEY]) {
    for (const e of state.get<WatchedEndpoint[]>(key) ?? []) byId.set(e.endpointId, { ...byId.get(e.endpointId), ...e });
  }
  return [...byId.values()];
}

export function watchedEndpointIds(state: vscode.Memento): Set<string> {
  return new Set(readWatchedEndpoints(state).map((e) => e.endpointId));
}
