// The creation in progress, recorded in workspace state before anything is created and removed
// when the run ends, so that a window reload in the middle finds it on the next start (and what it
// made, by tag). A run that stops waiting before private DNS could be turned on keeps its record:
// the next start finishes that step.
import type { CreationInProgress } from '../../aws/createEndpoint/interruptedCreation';
import type { WorkspaceStore } from '../../services/workspaceStore';

export function readCreationsInProgress(store: WorkspaceStore): CreationInProgress[] {
  return store.get('creationsInProgress') ?? [];
}

/** Adds or updates the record of one run (keyed by the form's fingerprint). */
export async function recordCreation(store: WorkspaceStore, record: CreationInProgress): Promise<void> {
  const others = readCreationsInProgress(store).filter((r) => r.fingerprint !== record.fingerprint);
  await store.set('creationsInProgress', [...others, record]);
}

export async function updateCreation(store: WorkspaceStore, fingerprint: string, patch: Partial<CreationInProgress>): Promise<void> {
  const current = readCreationsInProgress(store).find((r) => r.fingerprint === fingerprint);
  if (current) await recordCreation(store, { ...current, ...patch });
}

export async function endCreation(store: WorkspaceStore, fingerprint: string): Promise<void> {
  const rest = readCreationsInProgress(store).filter((r) => r.fingerprint !== fingerprint);
  await store.set('creationsInProgress', rest.length ? rest : undefined);
}
