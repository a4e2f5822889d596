import * as vscode from 'vscode';
import type { DeleteResult } from '../aws/createEndpoint/applyTypes';
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import type { InterfaceEndpoint } from '../aws/types';
import type { EndpointWatcher } from '../services/endpointWatcher';
import type { ExtensionServices } from '../services/extensionServices';
import { UserFacingError } from '../errors/userFacingError';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import { Commands } from './commandIds';
import type { Feature } from '../deferredFeature';

export interface DeletionTarget {
  profile: string;
  region: string;
  endpointId: string;
  vpcId: string;
  name?: string;
}

function targetOf(arg: unknown, watcher: EndpointWatcher): DeletionTarget | undefined {
  const p = (arg && typeof arg === 'object' && 'payload' in arg ? (arg as { payload: unknown }).payload : arg) as
    | { kind?: string; profile?: string; region?: string; endpoint?: InterfaceEndpoint; entry?: WatchedEndpoint }
    | undefined;
  if (p?.kind === 'endpoint' && p.endpoint && p.profile && p.region) {
    return { profile: p.profile, region: p.region, endpointId: p.endpoint.id, vpcId: p.endpoint.vpcId, name: p.endpoint.name };
  }
  if (p?.kind === 'watched' && p.entry) return { ...p.entry };
  const [only] = watcher.entries();
  return watcher.entries().length === 1 ? { ...only } : undefined;
}

/**
 * Deletes the endpoint (and, when asked, the security group this extension created for it),
 * following it to `deleted` with a cancellable progress notification. Marked as deleting first,
 * so a window reload resumes following it.
 */
export async function deleteWatchedEndpoint(services: ExtensionServices, watcher: EndpointWatcher, target: DeletionTarget, deleteGroup: boolean): Promise<DeleteResult> {
  await watcher.markDeleting(target.endpointId);
  const { ec2 } = services.aws.clients(target.profile, target.region);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting ${target.endpointId}`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return services.core.get().deleteEndpoint(ec2, target.endpointId, {
        deleteCreatedSecurityGroups: deleteGroup,
        signal: abort.signal,
        profile: target.profile,
        onProgress: (e) => {
          progress.report({ message: e.message });
          services.log.info(`[delete ${target.endpointId}] ${e.stepId}: ${e.status} — ${e.message}`);
        },
      });
    },
  );
  if (result.outcome === 'deleted') await watcher.unwatch(target.endpointId);
  return result;
}

/**
 * Delete an endpoint after a confirmation naming it; follow it to `deleted`; clean up our group.
 * Built from dist/features.js on the command's first run.
 */
export function deleteEndpointFeature(services: ExtensionServices, watcher: EndpointWatcher, tree: AwsTreeProvider): Feature {
  return {
    disposables: [],
    run: async (arg?: unknown) => {
      const target = targetOf(arg, watcher);
      if (!target) throw new UserFacingError('Run "Delete Endpoint" on an endpoint in the AWS view or from the status bar.');
      const label = target.name ? `${target.name} (${target.endpointId})` : target.endpointId;
      const withGroup = 'Delete Endpoint and Its Security Group';
      const endpointOnly = 'Delete Endpoint Only';
      const choice = await vscode.window.showWarningMessage(
        `Delete PrivateLink endpoint ${label} in VPC ${target.vpcId} (${target.region})?`,
        {
          modal: true,
          detail: 'Applications in the VPC lose their private path to the database at once. AWS stops billing the endpoint once it is deleted. ' +
            'The security group is deleted only if this extension created it, once no network interface uses it any more.',
        },
        withGroup,
        endpointOnly,
      );
      if (!choice) return;
      const result = await deleteWatchedEndpoint(services, watcher, target, choice === withGroup);
      tree.refresh();
      if (result.outcome === 'deleted') {
        const removed = result.removed.map((r) => r.id).join(', ');
        const left = result.leftBehind.map((r) => `${r.id} (${r.reason}; remove with: ${r.removeCommand})`).join('; ');
        void vscode.window.showInformationMessage(`Deleted ${removed || target.endpointId}.${left ? ` Left behind: ${left}` : ''}`);
      } else if (result.outcome === 'cancelled') {
        void vscode.window.showInformationMessage(`Stopped waiting. The deletion of ${target.endpointId} goes on in AWS; the status bar keeps following it.`);
      } else {
        throw new UserFacingError(result.message, [{ label: 'Show Log', command: Commands.showLog }]);
      }
    },
  };
}
