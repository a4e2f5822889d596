// The page's side of the channel to the extension, typed by the Diagnose protocol.
import type { DiagnoseHostMessage, DiagnoseWebviewMessage } from '../../../src/webviews/diagnose/diagnoseProtocol';

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export interface HostChannel<State> {
  post(message: DiagnoseWebviewMessage): void;
  onMessage(listener: (message: DiagnoseHostMessage) => void): void;
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
        if (data && typeof data.type === 'string') listener(data as DiagnoseHostMessage);
      }),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
