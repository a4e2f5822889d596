// Which endpoint Diagnose runs on, from each kind of command argument: tree item, status-bar
// entry, branch, nothing, or something it cannot use (refused with a reason, never a crash).
import assert from 'node:assert/strict';
import type { InterfaceEndpoint } from '../../../src/aws/types';
import type { WatchedEndpoint } from '../../../src/aws/watch/watchedEndpoint';
import { parseDiagnoseArgument, withWatchedDetails } from '../../../src/commands/diagnose/diagnoseTarget';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const endpoint = { id: 'vpce-0abc', vpcId: 'vpc-0123', serviceName: SERVICE, state: 'available', name: 'orders-pl' } as InterfaceEndpoint;
const watched: WatchedEndpoint = {
  endpointId: 'vpce-0abc',
  profile: 'dev',
  region: 'us-east-1',
  vpcId: 'vpc-0123',
  serviceName: SERVICE,
  privateHost: 'xyz.private-pg.psdb.cloud',
  branch: { organization: 'acme', database: 'orders', branch: 'main' },
  createdAt: '2026-01-01T00:00:00Z',
};

describe('Diagnose command argument', () => {
  it('takes an endpoint tree item (or its payload)', () => {
    const payload = { kind: 'endpoint', profile: 'dev', region: 'us-east-1', endpoint };
    const expected = { kind: 'target', target: { profile: 'dev', region: 'us-east-1', endpointId: 'vpce-0abc', vpcId: 'vpc-0123', serviceName: SERVICE, name: 'orders-pl' } };
    assert.deepEqual(parseDiagnoseArgument({ id: 'endpoint/x', payload }), expected);
    assert.deepEqual(parseDiagnoseArgument(payload), expected);
  });

  it('takes a status-bar entry with its branch and Private Host', () => {
    assert.deepEqual(parseDiagnoseArgument({ payload: { kind: 'watched', entry: watched } }), {
      kind: 'target',
      target: { profile: 'dev', region: 'us-east-1', endpointId: 'vpce-0abc', vpcId: 'vpc-0123', serviceName: SERVICE, privateHost: 'xyz.private-pg.psdb.cloud', branch: { organization: 'acme', database: 'orders', branch: 'main' } },
    });
  });

  it('passes a branch on for its endpoint to be looked up, and nothing for the palette', () => {
    const branch = { kind: 'branch', organization: 'acme', database: 'orders', branch: 'dev', production: false };
    assert.deepEqual(parseDiagnoseArgument({ payload: branch }), { kind: 'branch', branch });
    assert.deepEqual(parseDiagnoseArgument(undefined), { kind: 'none' });
    assert.deepEqual(parseDiagnoseArgument(null), { kind: 'none' });
  });

  it('refuses what it cannot use with a reason', () => {
    for (const arg of ['vpce-0abc', 42, { payload: { kind: 'vpc', vpcId: 'vpc-1' } }, { kind: 'endpoint', endpoint: {} }, { payload: { kind: 'watched', entry: { endpointId: 'vpce-1' } } }, { kind: 'branch', organization: 'acme' }]) {
      const parsed = parseDiagnoseArgument(arg);
      assert.equal(parsed.kind, 'unsupported', JSON.stringify(arg));
      assert.match(parsed.kind === 'unsupported' ? parsed.reason : '', /Diagnose|refresh/);
    }
  });

  it('fills the branch and Private Host a watched entry knows, without overriding what the target has', () => {
    const base = { profile: 'dev', region: 'us-east-1', endpointId: 'vpce-0abc', vpcId: 'vpc-0123' };
    assert.deepEqual(withWatchedDetails(base, [watched]), { ...base, privateHost: 'xyz.private-pg.psdb.cloud', branch: { organization: 'acme', database: 'orders', branch: 'main' } });
    assert.deepEqual(withWatchedDetails({ ...base, privateHost: 'own.private-pg.psdb.cloud' }, [watched]).privateHost, 'own.private-pg.psdb.cloud');
    assert.deepEqual(withWatchedDetails({ ...base, endpointId: 'vpce-0other' }, [watched]), { ...base, endpointId: 'vpce-0other' });
  });
});
