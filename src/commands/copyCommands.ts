import * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';

interface CopyablePayload {
  kind?: string;
  id?: string;
  vpcId?: string;
  endpoint?: { id: string };
  privateHost?: string;
  serviceName?: string;
}

function payloadOf(arg: unknown): CopyablePayload | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const withPayload = arg as { payload?: unknown };
  return (withPayload.payload && typeof withPayload.payload === 'object' ? withPayload.payload : arg) as CopyablePayload;
}

async function copy(text: string | undefined, what: string): Promise<void> {
  if (!text) {
    void vscode.window.showWarningMessage(`This item has no ${what} to copy.`);
    return;
  }
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${what}: ${text}`, 3000);
}

export function registerCopyCommands(services: ExtensionServices): vscode.Disposable[] {
  const { runner } = services;
  return [
    runner.register('planetscalePrivateLink.copyId', (arg?: unknown) => {
      const p = payloadOf(arg);
      return copy(p?.endpoint?.id ?? p?.vpcId ?? p?.id, 'ID');
    }),
    runner.register('planetscalePrivateLink.copyPrivateHost', (arg?: unknown) => copy(payloadOf(arg)?.privateHost, 'Private Host')),
    runner.register('planetscalePrivateLink.copyServiceName', (arg?: unknown) => copy(payloadOf(arg)?.serviceName, 'Private Service Name')),
  ];
}
