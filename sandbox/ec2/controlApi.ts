// The sandbox control API under /_sandbox/: faults, stats, bulk seeding and forced endpoint
// states, as JSON over HTTP, for the `npm run sandbox` user and for benchmarks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ec2Faults, SandboxEndpointView } from './types';

/** What the control API needs from the emulator. */
export interface ControlTarget {
  setFaults(f: Partial<Ec2Faults>): void;
  clearFaults(): void;
  faults(): Ec2Faults;
  setEndpointState(endpointId: string, state: string): void;
  setEndpointDelay(ms: number): void;
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  bulkSeed(region: string, vpcs: number, endpoints: number): { vpcIds: string[]; endpointIds: string[] };
  endpoints(region?: string): SandboxEndpointView[];
  snapshot(): unknown;
  tick(): void;
  /** Routes other sandbox parts add (DNS overrides, forwarders), keyed `METHOD /_sandbox/...`. */
  extraRoutes?(): ReadonlyMap<string, ExtraControlRoute>;
}

/** Handles one added route's JSON body; its value (or `{ ok: true }`) is the answer. */
export type ExtraControlRoute = (json: Record<string, unknown>) => unknown;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

export function handleControl(target: ControlTarget, req: IncomingMessage, body: string, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  try {
    const json = method === 'POST' || method === 'PUT' ? parseJson(body) : {};
    if (path === '/_sandbox/state' && method === 'GET') return send(res, 200, target.snapshot());
    if (path === '/_sandbox/faults' && method === 'GET') return send(res, 200, target.faults());
    if (path === '/_sandbox/faults' && method === 'POST') {
      const { endpointAvailableAfterMs, ...faults } = json;
      if (endpointAvailableAfterMs !== undefined) {
        if (typeof endpointAvailableAfterMs !== 'number' || endpointAvailableAfterMs < 0) throw new Error('endpointAvailableAfterMs must be a number of milliseconds (0 or more).');
        target.setEndpointDelay(endpointAvailableAfterMs);
      }
      target.setFaults(faults as Partial<Ec2Faults>);
      return send(res, 200, target.faults());
    }
    if ((path === '/_sandbox/faults' && method === 'DELETE') || (path === '/_sandbox/faults/clear' && method === 'POST')) {
      target.clearFaults();
      return send(res, 200, target.faults());
    }
    if (path === '/_sandbox/stats' && method === 'GET') {
      const calls = target.callCounts();
      return send(res, 200, { calls, total: Object.values(calls).reduce((a, b) => a + b, 0) });
    }
    if (path === '/_sandbox/stats/reset' && method === 'POST') {
      target.resetCallCounts();
      return send(res, 200, { calls: {}, total: 0 });
    }
    if (path === '/_sandbox/bulk-seed' && method === 'POST') {
      const region = typeof json.region === 'string' ? json.region : 'us-east-1';
      const result = target.bulkSeed(region, Number(json.vpcs ?? 0), Number(json.endpoints ?? 0));
      return send(res, 200, { region, vpcs: result.vpcIds.length, endpoints: result.endpointIds.length, ...result });
    }
    if (path === '/_sandbox/endpoint-delay' && method === 'POST') {
      if (typeof json.ms !== 'number' || json.ms < 0) throw new Error('ms must be a number of milliseconds (0 or more).');
      target.setEndpointDelay(json.ms);
      return send(res, 200, { ms: json.ms });
    }
    if (path === '/_sandbox/endpoints' && method === 'GET') return send(res, 200, target.endpoints(url.searchParams.get('region') ?? undefined));
    const stateMatch = /^\/_sandbox\/endpoints\/(vpce-[0-9a-f]+)\/state$/.exec(path);
    if (stateMatch && method === 'POST') {
      if (typeof json.state !== 'string') throw new Error('state must be a string, e.g. "available".');
      target.setEndpointState(stateMatch[1], json.state);
      return send(res, 200, target.endpoints().find((e) => e.endpointId === stateMatch[1]) ?? null);
    }
    if (path === '/_sandbox/tick' && method === 'POST') {
      target.tick();
      return send(res, 200, { ok: true });
    }
    const extra = target.extraRoutes?.().get(`${method} ${path}`);
    if (extra) {
      Promise.resolve()
        .then(() => extra(json))
        .then(
          (value) => send(res, 200, value ?? { ok: true }),
          (err: unknown) => send(res, 400, { error: (err as Error).message }),
        );
      return;
    }
    return send(res, 404, { error: `No control route ${method} ${path}. Routes: GET state, GET/POST/DELETE faults, GET stats, POST stats/reset, POST bulk-seed, POST endpoint-delay, GET endpoints, POST endpoints/<id>/state, POST tick (all under /_sandbox/).` });
  } catch (err) {
    return send(res, 400, { error: (err as Error).message });
  }
}
