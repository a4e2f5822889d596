import assert from 'node:assert/strict';
import { EndpointStatus, WatchState, detectTransitions, summarize, zonesOf } from '../../../../src/aws/watch/endpointStatusModel';
import type { WatchedEndpoint } from '../../../../src/aws/watch/watchedEndpoint';
import type { InterfaceEndpoint } from '../../../../src/aws/types';

const entry = (id: string, extra: Partial<WatchedEndpoint> = {}): WatchedEndpoint => ({
  endpointId: id, profile: 'p', region: 'us-east-1', vpcId: 'vpc-1', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b', createdAt: '2026-01-01T00:00:00Z', ...extra,
});
const status = (id: string, state: WatchState, extra: Partial<WatchedEndpoint> = {}): EndpointStatus => ({ entry: entry(id, extra), state });

describe('endpoint status model', () => {
  it('is hidden (no summary) when nothing is watched', () => {
    assert.equal(summarize([]), undefined);
  });

  it('lets the worst state win and lists every endpoint', () => {
    const s = summarize([status('vpce-a', 'available'), status('vpce-b', 'failed'), status('vpce-c', 'pending')])!;
    assert.equal(s.state, 'failed');
    assert.equal(s.tone, 'error');
    assert.equal(s.text, 'PrivateLink: failed (3)');
    assert.deepEqual(s.rows.map((r) => r.endpointId), ['vpce-a', 'vpce-b', 'vpce-c']);
  });

  it('spins while pending and shows the reason of an unknown state', () => {
    assert.equal(summarize([status('vpce-a', 'pending'), status('vpce-b', 'available')])!.icon, 'loading~spin');
    const s = summarize([{ ...status('vpce-a', 'error'), reason: 'credentials expired' }])!;
    assert.equal(s.text, 'PrivateLink: unknown');
    assert.equal(s.rows[0].reason, 'credentials expired');
  });

  it('reports pending → available and → failed once, never polling errors', () => {
    const prev = new Map<string, WatchState>([['vpce-a', 'pending'], ['vpce-b', 'available'], ['vpce-c', 'available']]);
    const t = detectTransitions(prev, [status('vpce-a', 'available'), status('vpce-b', 'failed'), status('vpce-c', 'error')]);
    assert.deepEqual(t.map((x) => [x.entry.endpointId, x.kind]), [['vpce-a', 'becameAvailable'], ['vpce-b', 'becameBroken']]);
    const again = detectTransitions(new Map([['vpce-a', 'available'], ['vpce-b', 'failed']]), [status('vpce-a', 'available'), status('vpce-b', 'failed')]);
    assert.deepEqual(again, []);
  });

  it('treats a deletion the user asked for as such, not as breakage', () => {
    const t = detectTransitions(new Map([['vpce-a', 'deleting']]), [status('vpce-a', 'deleted', { deleting: true })]);
    assert.equal(t[0].kind, 'deletedAsAsked');
  });

  it('reads AZs from zonal DNS names', () => {
    const endpoint = { subnetIds: ['subnet-1', 'subnet-2'], dnsEntries: [
      { dnsName: 'vpce-0abc-1x2y.vpce-svc-0a1b.us-east-1.vpce.amazonaws.com' },
      { dnsName: 'vpce-0abc-1x2y-us-east-1b.vpce-svc-0a1b.us-east-1.vpce.amazonaws.com' },
      { dnsName: 'vpce-0abc-1x2y-us-east-1a.vpce-svc-0a1b.us-east-1.vpce.amazonaws.com' },
    ] } as InterfaceEndpoint;
    assert.equal(zonesOf(endpoint), 'us-east-1a, us-east-1b');
    assert.equal(zonesOf({ ...endpoint, dnsEntries: [] }), 'subnet-1, subnet-2');
  });
});
