// The Create Endpoint page's channel to the extension, typed by its protocol.
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/webviews/protocol/createEndpointProtocol';
import { type HostChannel as Channel, connectToHost as connect } from '../hostChannel';

export type HostChannel<State> = Channel<WebviewToHostMessage, HostToWebviewMessage, State>;

export function connectToHost<State>(): HostChannel<State> {
  return connect<WebviewToHostMessage, HostToWebviewMessage, State>();
}
