import * as vscode from 'vscode';

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

/** Copy an ID, Private Host or Private Service Name from a tree item (or an object carrying it). */
export function copyCommands() {
  return {
    copyId: (arg?: unknown) => {
      const p = payloadOf(arg);
      return copy(p?.endpoint?.id ?? p?.vpcId ?? p?.id, 'ID');
    },
    copyPrivateHost: (arg?: unknown) => copy(payloadOf(arg)?.privateHost, 'Private Host'),
    copyServiceName: (arg?: unknown) => copy(payloadOf(arg)?.serviceName, 'Private Service Name'),
  };
}
