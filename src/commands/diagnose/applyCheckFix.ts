// Applying one check's fix from a diagnosis: refused outside a trusted workspace or while a run is
// going, asked first in a modal naming every change, then run through the core; a failure says
// which changes were already made.
import type { DiagnoseCheck } from '../../diagnose/diagnoseTypes';
import { fixConfirmation, fixFailureMessage } from '../../diagnose/fixConfirmation';
import { UserFacingError } from '../../errors/userFacingError';
import { describeError } from '../../services/errorDescriptions';
import type { ExtensionServices } from '../../services/extensionServices';
import type { DiagnoseView } from '../../webviews/protocol/diagnoseProtocol';
import { fixChange } from '../../webviews/diagnose/diagnoseViews';
import type { DiagnoseTarget } from './diagnoseTarget';
import type { DiagnoseUi } from './diagnoseUi';

interface FixDeps {
  services: ExtensionServices;
  ui: DiagnoseUi;
  isTrusted(): boolean;
}

/** The changes made, or undefined when the user declined; `show` updates the panel while it applies. */
export async function applyCheckFix(
  deps: FixDeps,
  target: DiagnoseTarget,
  check: DiagnoseCheck | string,
  running: boolean,
  show: (change: Partial<DiagnoseView>) => void,
): Promise<string[] | undefined> {
  const fix = typeof check === 'string' ? undefined : check.fix;
  if (typeof check === 'string' || !fix?.apply?.operations.length) {
    throw new UserFacingError(`The ${typeof check === 'string' ? check : `"${check.title}"`} check has no fix the extension can apply; run its command yourself.`);
  }
  if (!deps.isTrusted()) {
    throw new UserFacingError('Applying a fix changes your AWS account, which needs a trusted workspace. Trust this folder to continue.', [
      { label: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
    ]);
  }
  if (running) throw new UserFacingError('A diagnosis is still running; wait for it (or stop it) before applying a fix.');
  const confirmation = fixConfirmation(check.title, { ...fix, apply: fix.apply }, target.profile, fix.apply.operations.map(fixChange));
  const agreed = await deps.ui.confirm(confirmation.message, confirmation.detail, confirmation.action);
  if (!agreed) return undefined;
  show({ applying: check.id, notice: undefined });
  try {
    const core = deps.services.core.get();
    const ec2 = deps.services.aws.clients(target.profile, fix.apply.region).ec2;
    const { done } = await core.applyFix(fix, ec2);
    deps.services.log.info(`Diagnose ${target.endpointId}: applied the fix for ${check.title}: ${done.join('; ')}`);
    return done;
  } catch (error) {
    const completed = (error as { completedOperations?: string[] } | undefined)?.completedOperations ?? [];
    const message = deps.services.redact(describeError(error).message);
    show({ applying: undefined, notice: `The fix failed: ${message}` });
    throw new UserFacingError(fixFailureMessage(check.title, message, completed), [], error instanceof Error ? error.stack : undefined);
  }
}
