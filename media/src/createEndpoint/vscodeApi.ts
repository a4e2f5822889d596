// The webview side of the channel to the extension, typed by the protocol.
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/webviews/protocol/createEndpointProtocol';

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export interface HostChannel<State> {
  post(message: WebviewToHostMessage): void;
  onMessage(listener: (message: HostToWebviewMessage) => void): void;
  /** Kept by VS Code while the panel is hidden; must never hold a secret. */
  loadState(): State | undefined;
  saveState(state: State): void;
}

/** acquireVsCodeApi may be called once per page: call this once, in main.ts. */
export function connectToHost<State>(): HostChannel<State> {
  const api = acquireVsCodeApi<State>();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (listener) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        // Only the host posts into this page; still, ignore anything without a type.
        if (data && typeof data.type === 'string') listener(data as HostToWebviewMessage);
      }),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
