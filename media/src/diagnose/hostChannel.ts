// The Diagnose page's channel to the extension, typed by its protocol.
import type { DiagnoseHostMessage, DiagnoseWebviewMessage } from '../../../src/webviews/protocol/diagnoseProtocol';
import { type HostChannel as Channel, connectToHost as connect } from '../hostChannel';

export type HostChannel<State> = Channel<DiagnoseWebviewMessage, DiagnoseHostMessage, State>;

export function connectToHost<State>(): HostChannel<State> {
  return connect<DiagnoseWebviewMessage, DiagnoseHostMessage, State>();
}
