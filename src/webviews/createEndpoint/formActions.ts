// The form's side requests that are not about the plan itself: copy or open an export (the host's
// own text, never the page's), and the few commands the page may ask for by name.
import type { ActionDoneMessage } from '../protocol/sharedMessages';
import type { ExportFormat, FormAction, HostToWebviewMessage } from '../protocol/createEndpointProtocol';
import type { ControllerDeps } from './formDeps';
import type { FormState } from './formState';
import { Commands } from '../../commands/commandIds';
import { stillInterrupted } from './revivedRun';

type Reply = (ok: boolean, message?: string) => Promise<void>;

export function actionReply(requestId: number, post: (message: ActionDoneMessage) => Promise<void>): Reply {
  return (ok, message) => post({ type: 'actionDone', requestId, ok, ...(message ? { message } : {}) });
}

/** Copies or opens the last plan's export, or the removal commands of what a run left behind. */
export async function runExport(deps: ControllerDeps, kind: 'copyExport' | 'openExport', format: ExportFormat, text: string | undefined, reply: Reply): Promise<void> {
  const label = format === 'cli' ? 'AWS CLI script' : format === 'terraform' ? 'Terraform' : 'removal commands';
  if (!text) return reply(false, format === 'cleanup' ? 'Nothing was left behind.' : 'There is no plan yet; complete the form first.');
  try {
    if (kind === 'copyExport') await deps.ui.copyToClipboard(text);
    else await deps.ui.openInEditor(text, format === 'terraform' ? 'terraform' : 'shellscript');
    await reply(true, kind === 'copyExport' ? `Copied the ${label} to the clipboard.` : `Opened the ${label} in an editor.`);
  } catch (err) {
    deps.log.warn(`${kind} ${format} failed: ${deps.redact(String(err))}`);
    await reply(false, `Could not ${kind === 'copyExport' ? 'copy' : 'open'} the ${label}: ${deps.redact(err instanceof Error ? err.message : String(err))}`);
  }
}

export async function runFormAction(deps: ControllerDeps, form: FormState, action: FormAction, post: (message: HostToWebviewMessage) => Promise<void>, reply: Reply): Promise<void> {
  try {
    switch (action) {
      case 'signIn':
        await deps.executeCommand(Commands.awsSsoLogin, form.snapshot.profile);
        return reply(true);
      case 'writeConnectionString':
        await deps.executeCommand(Commands.writeConnectionString, ...(form.target.kind === 'branch' ? [{ payload: { ...form.target, kind: 'branch' } }] : []));
        return reply(true);
      case 'showLog':
        deps.log.show(true);
        return reply(true);
      case 'resumeCreation': {
        // The same flow the next start offers for an interrupted creation (adopt or delete).
        await deps.executeCommand(Commands.resumeInterruptedCreation);
        const outcome = form.snapshot.run?.outcome;
        if (outcome?.kind === 'revived' && outcome.interrupted && !stillInterrupted(deps, outcome.fingerprint)) {
          outcome.interrupted = false;
          outcome.message = 'The interrupted create was resumed; the notification and the log say what was kept.';
          await post({ type: 'snapshot', state: form.snapshot });
        }
        return reply(true);
      }
      case 'refreshVpcs': {
        await form.reloadVpcs();
        await post({ type: 'snapshot', state: form.snapshot });
        const vpcs = form.snapshot.vpcs;
        return reply(true, vpcs ? `Reloaded ${vpcs.length} VPC${vpcs.length === 1 ? '' : 's'}.` : undefined);
      }
    }
  } catch (err) {
    deps.log.warn(`Create Endpoint form: ${action} failed: ${deps.redact(String(err))}`);
    return reply(false, deps.redact(err instanceof Error ? err.message : String(err)));
  }
}
