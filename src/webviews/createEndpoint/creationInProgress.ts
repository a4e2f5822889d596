// The creation in progress, recorded in workspace state before anything is created and removed
// when the run ends, so that a window reload in the middle finds it on the next start (and what it
// made, by tag). A run that stops waiting before private DNS could be turned on keeps its record:
// the next start finishes that step.
import type * as vscode from 'vscode';
import type { CreationInProgress } from '../../aws/createEndpoint/interruptedCreation';

export const CREATION_IN_PROGRESS_KEY = 'planetscalePrivateLink.creationInProgress';

export function readCreationsInProgress(state: vscode.Memento): CreationInProgress[] {
  const raw = state.get<unknown>(CREATION_IN_PROGRESS_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is CreationInProgress =>
      typeof r === 'object' && r !== null && typeof (r as CreationInProgress).fingerprint === 'string' && typeof (r as CreationInProgress).vpcId === 'string',
  );
}

/** Adds or updates the record of one run (keyed by the form's fingerprint). */
export async function recordCreation(state: vscode.Memento, record: CreationInProgress): Promise<void> {
  const others = readCreationsInProgress(state).filter((r) => r.fingerprint !== record.fingerprint);
  await state.update(CREATION_IN_PROGRESS_KEY, [...others, record]);
}

export async function updateCreation(state: vscode.Memento, fingerprint: string, patch: Partial<CreationInProgress>): Promise<void> {
  const current = readCreationsInProgress(state).find((r) => r.fingerprint === fingerprint);
  if (current) await recordCreation(state, { ...current, ...patch });
}

export async function endCreation(state: vscode.Memento, fingerprint: string): Promise<void> {
  const rest = readCreationsInProgress(state).filter((r) => r.fingerprint !== fingerprint);
  await state.update(CREATION_IN_PROGRESS_KEY, rest.length ? rest : undefined);
}
