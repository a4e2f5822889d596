import * as vscode from 'vscode';
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import { stateLabel } from '../aws/watch/endpointStatusModel';
import type { InterfaceEndpoint } from '../aws/types';
import { EndpointWatcher, entryArgument } from '../services/endpointWatcher';
import { UserFacingError } from '../errors/userFacingError';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import type { ExplorerNode } from '../views/explorerNode';
import { Commands } from './commandIds';

interface EndpointArg {
  kind: 'endpoint';
  profile: string;
  region: string;
  endpoint: InterfaceEndpoint;
}

function endpointArg(arg: unknown): EndpointArg | undefined {
  const p = (arg && typeof arg === 'object' && 'payload' in arg ? (arg as { payload: unknown }).payload : arg) as Partial<EndpointArg> | undefined;
  return p?.kind === 'endpoint' && p.endpoint ? (p as EndpointArg) : undefined;
}

function entryFromPayload(p: EndpointArg): WatchedEndpoint {
  return {
    endpointId: p.endpoint.id,
    profile: p.profile,
    region: p.region,
    vpcId: p.endpoint.vpcId,
    serviceName: p.endpoint.serviceName,
    createdAt: new Date().toISOString(),
    lastState: p.endpoint.state,
  };
}

/** Status bar click, watch/unwatch from the tree, refresh, delete. */
export function endpointStatusCommands(watcher: EndpointWatcher, tree: AwsTreeProvider, view: vscode.TreeView<ExplorerNode>) {
  const pickWatched = async (title: string): Promise<WatchedEndpoint | undefined> => {
    const entries = watcher.entries();
    if (!entries.length) throw new UserFacingError('No endpoint is watched. Use "Watch Endpoint" on an endpoint in the AWS view, or create one.');
    if (entries.length === 1) return entries[0];
    const states = new Map(watcher.statuses().map((s) => [s.entry.endpointId, s.state]));
    const pick = await vscode.window.showQuickPick(
      entries.map((e) => ({ label: e.endpointId, description: `${stateLabel(states.get(e.endpointId) ?? 'unknown')} · ${e.vpcId} · ${e.region}`, entry: e })),
      { title },
    );
    return pick?.entry;
  };

  return {
    showEndpointStatus: async () => {
      const entry = await pickWatched('PrivateLink endpoint');
      if (!entry) return;
      const actions: (vscode.QuickPickItem & { run: () => unknown })[] = [
        {
          label: '$(list-tree) Reveal in AWS view',
          run: async () => {
            if (!(await tree.revealEndpoint(view, entry))) {
              void vscode.window.showInformationMessage(`Endpoint ${entry.endpointId} is not in the AWS view: it shows profile "${entry.profile}" only when that profile and region ${entry.region} are chosen.`);
            }
          },
        },
        { label: '$(pulse) Diagnose', run: () => vscode.commands.executeCommand(Commands.diagnose, { payload: { kind: 'watched', entry } }) },
        { label: '$(copy) Copy Private Host', run: () => vscode.commands.executeCommand(Commands.copyPrivateHost, { privateHost: entry.privateHost }) },
        { label: '$(file-code) Write connection string to .env', run: () => vscode.commands.executeCommand(Commands.writeConnectionString, entryArgument(entry)) },
        { label: '$(sync) Refresh now', run: () => watcher.refreshNow() },
        { label: '$(eye-closed) Stop watching', run: () => watcher.unwatch(entry.endpointId) },
        { label: '$(trash) Delete endpoint…', run: () => vscode.commands.executeCommand(Commands.deleteEndpoint, { payload: { kind: 'watched', entry } }) },
      ];
      const pick = await vscode.window.showQuickPick(actions, { title: `Endpoint ${entry.endpointId}` });
      await pick?.run();
    },
    refreshEndpointStatus: () => watcher.refreshNow(),
    watchEndpoint: async (arg?: unknown) => {
      const p = endpointArg(arg);
      if (!p) throw new UserFacingError('Run "Watch Endpoint" on an endpoint in the AWS view.');
      await watcher.watch(entryFromPayload(p));
      tree.rerender();
    },
    unwatchEndpoint: async (arg?: unknown) => {
      const p = endpointArg(arg);
      const id = p?.endpoint.id ?? (await pickWatched('Stop watching'))?.endpointId;
      if (!id) return;
      await watcher.unwatch(id);
      tree.rerender();
    },
  };
}
