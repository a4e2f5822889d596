// The endpoints created from this workspace, remembered in workspace state for the status bar
// (which watches them). The shape is shared with the status-bar watcher: keep it stable.
import type { WatchedEndpoint } from '../../aws/watch/watchedEndpoint';
import type { WorkspaceStore } from '../../services/workspaceStore';

/** What creation records: a watched endpoint without the watcher's own bookkeeping. */
export type CreatedEndpointRecord = Omit<WatchedEndpoint, 'deleting' | 'lastState'>;

/** The remembered endpoints; entries that are not records (older or foreign data) are dropped by the store. */
export function readCreatedEndpoints(store: WorkspaceStore): CreatedEndpointRecord[] {
  return store.get('createdEndpoints') ?? [];
}

/** Adds the record, replacing an earlier one for the same endpoint (a re-submit returns the same id). */
export async function rememberCreatedEndpoint(store: WorkspaceStore, record: CreatedEndpointRecord): Promise<void> {
  const others = (store.get('createdEndpoints') ?? []).filter((r) => !(r.endpointId === record.endpointId && r.region === record.region));
  await store.set('createdEndpoints', [...others, record]);
}
