// Checks every message the Diagnose panel posts: known type, exact field types, a check id from
// the protocol's list. What passes is rebuilt from the known fields only. Whether the named check
// has a fix right now is the controller's question (it knows the current result).
import { CHECK_IDS, type DiagnoseWebviewMessage, type DiagnoseWebviewMessageType, type PanelAction } from './diagnoseProtocol';
import { oneOf, parseWithReaders, requestId, type Fields, type Parsed } from './messageShape';

export type ParsedDiagnoseMessage = Parsed<DiagnoseWebviewMessage>;

const PANEL_ACTIONS: readonly PanelAction[] = ['rerun', 'cancel', 'copyReport', 'changeClient', 'changeInputs', 'runReachability', 'showLog'];

const readers: { [K in DiagnoseWebviewMessageType]: (fields: Fields) => DiagnoseWebviewMessage } = {
  ready: () => ({ type: 'ready' }),
  action: (f) => ({ type: 'action', requestId: requestId(f), action: oneOf(f, 'action', PANEL_ACTIONS) }),
  copyFix: (f) => ({ type: 'copyFix', requestId: requestId(f), checkId: oneOf(f, 'checkId', CHECK_IDS) }),
  applyFix: (f) => ({ type: 'applyFix', requestId: requestId(f), checkId: oneOf(f, 'checkId', CHECK_IDS) }),
};

export function parseDiagnoseMessage(raw: unknown): ParsedDiagnoseMessage {
  return parseWithReaders(raw, readers);
}
