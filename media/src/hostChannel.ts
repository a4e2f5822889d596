// The page's side of a webview's channel to the extension, typed by each panel's protocol.
interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export interface HostChannel<Out, In, State> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** Kept by VS Code while the panel is hidden; must never hold a secret. */
  loadState(): State | undefined;
  saveState(state: State): void;
}

/** acquireVsCodeApi may be called once per page: call this once, in the page's main.ts. */
export function connectToHost<Out, In, State>(): HostChannel<Out, In, State> {
  const api = acquireVsCodeApi<State>();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (listener) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        // Only the host posts into this page; still, ignore anything without a type.
        if (data && typeof data.type === 'string') listener(data as In);
      }),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
