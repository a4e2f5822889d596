import type * as vscode from 'vscode';

/** Workspace-state keys of the endpoints this workspace watches (created here, or pinned). */
export const CREATED_ENDPOINTS_KEY = 'planetscalePrivateLink.createdEndpoints';
export const WATCHED_ENDPOINTS_KEY = 'planetscalePrivateLink.watchedEndpoints';

export function watchedEndpointIds(state: vscode.Memento): Set<string> {
  const entries = [
    ...(state.get<{ endpointId: string }[]>(CREATED_ENDPOINTS_KEY) ?? []),
    ...(state.get<{ endpointId: string }[]>(WATCHED_ENDPOINTS_KEY) ?? []),
  ];
  return new Set(entries.map((e) => e.endpointId));
}
