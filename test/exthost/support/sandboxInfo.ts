// The sandbox's info and control API, as seen from tests inside the extension host.
import type { SandboxInfo } from '../../harness/editorEnvironment';

export function sandboxInfo(): SandboxInfo {
  const raw = process.env.PRIVATELINK_SANDBOX_INFO;
  if (!raw) throw new Error('PRIVATELINK_SANDBOX_INFO is not set: run this suite through the sandbox launch config');
  return JSON.parse(raw) as SandboxInfo;
}

/** POSTs JSON to the EC2 emulator's control API; `path` is relative to controlUrl (`/faults`, `/endpoint-delay`…). */
export async function control(path: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${sandboxInfo().controlUrl.replace(/\/$/, '')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox control ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function controlGet<T>(path: string): Promise<T> {
  const response = await fetch(`${sandboxInfo().controlUrl.replace(/\/$/, '')}${path}`);
  if (!response.ok) throw new Error(`sandbox control ${path} answered ${response.status}`);
  return (await response.json()) as T;
}
