// Answers one HTTP request on the emulator's port: the control API, a JSON service chosen by
// X-Amz-Target, STS or EC2, with call counts, injected latency and lost replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl, type ControlTarget } from './controlApi';
import type { FaultController } from './faults';
import { requestId as newRequestId } from './ids';
import { Ec2Error, ec2ErrorXml, ec2ResponseXml, parseSigV4Authorization, QueryParams } from './queryProtocol';
import { readBody, type JsonServiceHandler } from './serviceHttp';
import type { Identity } from './state';
import { handleSts, STS_ACTIONS, StsError, stsErrorXml } from './sts';
import type { XmlObject } from './xml';

/** What answering a request needs from the emulator. */
export interface RequestTarget {
  control: ControlTarget;
  jsonServices: ReadonlyMap<string, JsonServiceHandler>;
  faults: FaultController;
  identity: Identity;
  /** Counts one call: the EC2 action, or `sts:` and the STS action. */
  count(key: string): void;
  /** Applies due lifecycle transitions before an EC2 action sees the state. */
  advance(): void;
  /** The EC2 action's result; throws Ec2Error for an AWS error answer. */
  runEc2(action: string, params: QueryParams, region: string | undefined): XmlObject;
}

/** A lost reply: the action happened, but the client sees the connection reset, never an answer. */
function dropReply(res: ServerResponse): void {
  res.socket?.destroy();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function delay(faults: FaultController, action: string): Promise<void> {
  const ms = faults.latencyFor(action);
  if (ms > 0) await sleep(ms);
}

export async function handleRequest(target: RequestTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname.startsWith('/_sandbox/') || url.pathname === '/_sandbox') {
    handleControl(target.control, req, body, res);
    return;
  }
  const amzTarget = req.headers['x-amz-target'];
  const jsonService = typeof amzTarget === 'string' ? target.jsonServices.get(amzTarget.split('.')[0]) : undefined;
  if (jsonService) {
    await jsonService({ target: amzTarget as string, body, scope: parseSigV4Authorization(req.headers.authorization), faults: target.faults, identity: target.identity }, res);
    return;
  }
  const requestId = newRequestId();
  const params = QueryParams.fromBody([url.search.slice(1), body].filter(Boolean).join('&'));
  const action = params.get('Action') ?? '';
  const scope = parseSigV4Authorization(req.headers.authorization);
  const isSts = scope ? scope.service === 'sts' : STS_ACTIONS.has(action);

  const reply = (status: number, xml: string) => {
    res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  };

  if (isSts) {
    target.count(`sts:${action || '(none)'}`);
    await delay(target.faults, action);
    try {
      if (!scope) throw new StsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      reply(200, handleSts(action, params, target.identity, requestId));
    } catch (err) {
      const e = err instanceof StsError ? err : new StsError('InternalFailure', (err as Error).message, 500);
      reply(e.status, stsErrorXml(e.code, e.message, requestId, e.status));
    }
    return;
  }

  target.count(action || '(none)');
  await delay(target.faults, action);
  target.advance();
  try {
    const xml = target.runEc2(action, params, scope?.region);
    if (target.faults.dropsReply(action)) return dropReply(res);
    reply(200, ec2ResponseXml(action, requestId, xml));
  } catch (err) {
    if (target.faults.dropsReply(action)) return dropReply(res);
    const e = err instanceof Ec2Error ? err : new Ec2Error('InternalError', `An internal error has occurred: ${(err as Error).message}`);
    reply(e.status, ec2ErrorXml(e.code, e.message, requestId));
  }
}
