// The messages every panel's protocol shares, so both hosts (and both pages) speak them alike:
// the page opens with `ready` (the host answers with its whole state), a request's answer repeats
// its `requestId`, and a refused message is answered with `rejected`. Types only: the extension
// bundle and the browser bundles import this file.

/** The page has loaded (again, after being hidden): send everything it shows. */
export interface ReadyMessage {
  type: 'ready';
}

/** A request that ended: `ok`, and a line for the page when there is something to say. */
export interface ActionDoneMessage {
  type: 'actionDone';
  requestId: number;
  ok: boolean;
  message?: string;
}

/** The host refused a message (unknown type, wrong field types, not possible now). */
export interface RejectedMessage {
  type: 'rejected';
  requestId?: number;
  reason: string;
}
