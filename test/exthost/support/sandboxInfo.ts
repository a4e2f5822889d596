// The sandbox's info and control API, as seen from tests inside the extension host.
import type { SandboxInfo } from '../../harness/editorEnvironment';
import { sandboxControlGet, sandboxControlPost } from '../../harness/sandboxControl';

export function sandboxInfo(): SandboxInfo {
  const raw = process.env.PRIVATELINK_SANDBOX_INFO;
  if (!raw) throw new Error('PRIVATELINK_SANDBOX_INFO is not set: run this suite through the sandbox launch config');
  return JSON.parse(raw) as SandboxInfo;
}

/** POSTs JSON to the EC2 emulator's control API; `path` is relative to controlUrl (`/faults`, `/endpoint-delay`…). */
export function control(path: string, body: unknown = {}): Promise<unknown> {
  return sandboxControlPost(sandboxInfo().controlUrl, path, body);
}

export function controlGet<T>(path: string): Promise<T> {
  return sandboxControlGet<T>(sandboxInfo().controlUrl, path);
}
