// Checks every message the Diagnose panel posts: known type, exact field types, a check id from
// the protocol's list. What passes is rebuilt from the known fields only. Whether the named check
// has a fix right now is the controller's question (it knows the current result).
import { CHECK_IDS, type DiagnoseWebviewMessage, type DiagnoseWebviewMessageType, type PanelAction } from './diagnoseProtocol';
import { MessageShapeError, describe, isRecord, oneOf, requestId, requestIdOf, type Fields } from '../createEndpoint/messageShape';

export type ParsedDiagnoseMessage = { ok: true; message: DiagnoseWebviewMessage } | { ok: false; reason: string; requestId?: number };

const PANEL_ACTIONS: readonly PanelAction[] = ['rerun', 'cancel', 'copyReport', 'changeClient', 'runReachability', 'showLog'];

const readers: { [K in DiagnoseWebviewMessageType]: (fields: Fields) => DiagnoseWebviewMessage } = {
  ready: () => ({ type: 'ready' }),
  action: (f) => ({ type: 'action', requestId: requestId(f), action: oneOf(f, 'action', PANEL_ACTIONS) }),
  copyFix: (f) => ({ type: 'copyFix', requestId: requestId(f), checkId: oneOf(f, 'checkId', CHECK_IDS) }),
  applyFix: (f) => ({ type: 'applyFix', requestId: requestId(f), checkId: oneOf(f, 'checkId', CHECK_IDS) }),
};

export function parseDiagnoseMessage(raw: unknown): ParsedDiagnoseMessage {
  if (!isRecord(raw)) return { ok: false, reason: `a message must be an object, got ${describe(raw)}` };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(readers, type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : describe(type);
    return { ok: false, reason: `unknown message type ${shown}`, requestId: requestIdOf(raw) };
  }
  try {
    return { ok: true, message: readers[type as DiagnoseWebviewMessageType](raw) };
  } catch (err) {
    if (err instanceof MessageShapeError) return { ok: false, reason: `${type}: ${err.message}`, requestId: requestIdOf(raw) };
    throw err;
  }
}
