// The endpoints created from this workspace, remembered in workspace state for the status bar
// (which watches them). The shape is shared with the status-bar watcher: keep it stable.
import type * as vscode from 'vscode';
import type { WatchedEndpoint } from '../../aws/watch/watchedEndpoint';
import { CREATED_ENDPOINTS_KEY } from '../../services/watchedEndpointIds';

/** What creation records: a watched endpoint without the watcher's own bookkeeping. */
export type CreatedEndpointRecord = Omit<WatchedEndpoint, 'deleting' | 'lastState'>;

/** The remembered endpoints; entries that are not records (older or foreign data) are skipped. */
export function readCreatedEndpoints(state: vscode.Memento): CreatedEndpointRecord[] {
  const raw = state.get<unknown>(CREATED_ENDPOINTS_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is CreatedEndpointRecord =>
      typeof r === 'object' && r !== null && typeof (r as CreatedEndpointRecord).endpointId === 'string' && typeof (r as CreatedEndpointRecord).region === 'string',
  );
}

/** Adds the record, replacing an earlier one for the same endpoint (a re-submit returns the same id). */
export async function rememberCreatedEndpoint(state: vscode.Memento, record: CreatedEndpointRecord): Promise<void> {
  const others = readCreatedEndpoints(state).filter((r) => !(r.endpointId === record.endpointId && r.region === record.region));
  await state.update(CREATED_ENDPOINTS_KEY, [...others, record]);
}
