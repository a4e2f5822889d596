import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GLOBAL_KEYS, WORKSPACE_KEYS, workspaceStore, type StateMemento } from '../../../src/services/workspaceStore';
import { readWatchedEndpoints } from '../../../src/services/watchedEndpointIds';
import { latestVerifiedPrivatePath, recordVerifiedPrivatePath, type VerifiedPrivatePath } from '../../../src/services/verifiedPrivatePaths';
import { endCreation, readCreationsInProgress, recordCreation, updateCreation } from '../../../src/webviews/createEndpoint/creationInProgress';

/** The same contract as VS Code's Memento (get returns what update stored; undefined removes). */
class MapMemento implements StateMemento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const endpoint = { endpointId: 'vpce-0a1', profile: 'dev', region: 'us-east-1', vpcId: 'vpc-1', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1', createdAt: '2026-12-04T01:00:00Z' };
const creation = { fingerprint: 'pl-abc', profile: 'dev', region: 'us-east-1', vpcId: 'vpc-1', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1', privateDnsAfterAcceptance: true, startedAt: '2026-12-04T01:00:00Z' };
const path: VerifiedPrivatePath = {
  organization: 'acme', database: 'orders', branch: 'main', privateHost: 'db.private.example', verifiedAt: '2026-12-04T01:40:00Z',
  from: { vantage: 'thisMachine', connectedTo: ['127.10.1.10:6432'] }, proven: { phases: ['dns', 'tcp', 'tls', 'auth', 'query'], ports: [6432] },
};

function storeWith(raw: Record<string, unknown>) {
  const memento = new MapMemento();
  for (const [k, v] of Object.entries(raw)) memento.values.set(k, v);
  return { memento, store: workspaceStore(memento) };
}

describe('workspace store: state from an older version is dropped, not trusted', () => {
  it('keeps the well-formed watched endpoints and drops the rest', () => {
    const { store } = storeWith({
      [WORKSPACE_KEYS.createdEndpoints.name]: [endpoint, { endpointId: 'vpce-old', region: 'us-east-1' }, 'vpce-0b2', null, { ...endpoint, endpointId: 'vpce-bad', branch: 'main' }, { ...endpoint, endpointId: 'vpce-0c3', deleting: 'yes' }],
      [WORKSPACE_KEYS.watchedEndpoints.name]: { endpointId: 'vpce-not-a-list' },
    });
    assert.deepEqual(store.get('createdEndpoints'), [endpoint]);
    assert.equal(store.get('watchedEndpoints'), undefined);
    assert.deepEqual(readWatchedEndpoints(store).map((e) => e.endpointId), ['vpce-0a1']);
  });

  it('does not carry unknown fields of a stored entry into the value read', () => {
    const { store } = storeWith({ [WORKSPACE_KEYS.watchedEndpoints.name]: [{ ...endpoint, password: 'hunter2', lastState: 'available' }] });
    assert.deepEqual(store.get('watchedEndpoints'), [{ ...endpoint, lastState: 'available' }]);
  });

  it('drops creations in progress without fingerprint, VPC or service (their leftovers cannot be found by tag)', () => {
    const { store } = storeWith({
      [WORKSPACE_KEYS.creationsInProgress.name]: [creation, { fingerprint: 'pl-old', vpcId: 'vpc-1' }, { ...creation, fingerprint: 7 }, { ...creation, fingerprint: 'pl-grp', groupName: 42 }],
    });
    assert.deepEqual(readCreationsInProgress(store), [creation]);
  });

  it('records, updates and ends a creation in progress through the store', async () => {
    const { store, memento } = storeWith({});
    await recordCreation(store, creation);
    await updateCreation(store, 'pl-abc', { endpointId: 'vpce-0a1' });
    assert.deepEqual(readCreationsInProgress(store), [{ ...creation, endpointId: 'vpce-0a1' }]);
    await endCreation(store, 'pl-abc');
    assert.equal(memento.values.has(WORKSPACE_KEYS.creationsInProgress.name), false, 'the key is removed, not left as an empty list');
  });

  it('drops verified private paths in another shape (a path is only as verified as its record says)', async () => {
    const { store } = storeWith({
      [WORKSPACE_KEYS.verifiedPrivatePaths.name]: [
        { ...path, database: 'legacy', proven: ['dns', 'tcp'] },
        { ...path, database: 'other', from: { vantage: 'instance', connectedTo: [] } },
        { ...path, database: 'ports', proven: { phases: ['dns'], ports: ['6432'] } },
      ],
    });
    assert.deepEqual(store.get('verifiedPrivatePaths'), []);
    await recordVerifiedPrivatePath(store, path);
    assert.deepEqual(latestVerifiedPrivatePath(store, 'acme', 'orders'), path);
    assert.equal(latestVerifiedPrivatePath(store, 'acme', 'legacy'), undefined);
  });

  it('keeps only well-formed entries of keyed maps (managed .env keys, vantage, Diagnose answers, consent)', () => {
    const { store } = storeWith({
      [WORKSPACE_KEYS.managedEnvKeys.name]: { 'file:///w/.env': ['DATABASE_URL', 'PGHOST'], 'file:///w/old.env': 'DATABASE_URL', 'file:///w/mixed.env': ['A', 3] },
      [WORKSPACE_KEYS.vantageInstanceByVpc.name]: { 'vpc-1': 'i-0ab', 'vpc-2': { id: 'i-0cd' } },
      [WORKSPACE_KEYS.vantageScriptSeen.name]: 'true',
      [WORKSPACE_KEYS.vantageLastVerified.name]: {
        'vpce-1': { instanceId: 'i-0ab', at: '2026-12-04T01:00:00Z', pathProven: true, proven: ['DNS answered'] },
        'vpce-2': { instanceId: 'i-0ab', at: '2026-12-04T01:00:00Z', pathProven: 'yes', proven: [] },
      },
      [WORKSPACE_KEYS.diagnoseClientLocations.name]: {
        'us-east-1/vpc-1': { kind: 'cidrs', cidrs: ['10.0.1.0/24', 'not-a-cidr'] },
        'us-east-1/vpc-2': { kind: 'everywhere' },
        'us-east-1/vpc-3': 'thisMachine',
      },
      [WORKSPACE_KEYS.diagnoseUsers.name]: ['pscale_api_x'],
      [WORKSPACE_KEYS.workspaceSettingsConsent.name]: { 'aws.endpointUrl': { value: 'http://127.0.0.1:4566', allowed: true }, 'dns.server': { value: '127.0.0.1', allowed: 'yes' }, 'unknown.setting': { value: 'x', allowed: true } },
    });
    assert.deepEqual(store.get('managedEnvKeys'), { 'file:///w/.env': ['DATABASE_URL', 'PGHOST'] });
    assert.deepEqual(store.get('vantageInstanceByVpc'), { 'vpc-1': 'i-0ab' });
    assert.equal(store.get('vantageScriptSeen'), undefined);
    assert.deepEqual(Object.keys(store.get('vantageLastVerified') ?? {}), ['vpce-1']);
    assert.deepEqual(store.get('diagnoseClientLocations'), { 'us-east-1/vpc-1': { kind: 'cidrs', cidrs: ['10.0.1.0/24'] } });
    assert.equal(store.get('diagnoseUsers'), undefined);
    assert.deepEqual(store.get('workspaceSettingsConsent'), { 'aws.endpointUrl': { value: 'http://127.0.0.1:4566', allowed: true } });
  });

  it('change() sees the validated value and writes the result', async () => {
    const { store, memento } = storeWith({ [WORKSPACE_KEYS.vantageInstanceByVpc.name]: { 'vpc-1': 'i-0ab', 'vpc-2': 5 } });
    await store.change('vantageInstanceByVpc', (all) => ({ ...all, 'vpc-3': 'i-0ef' }));
    assert.deepEqual(memento.values.get(WORKSPACE_KEYS.vantageInstanceByVpc.name), { 'vpc-1': 'i-0ab', 'vpc-3': 'i-0ef' });
  });

  it('declares every key once, and nothing else in src touches a Memento or a key name', () => {
    const names = [...Object.values(WORKSPACE_KEYS), ...Object.values(GLOBAL_KEYS)].map((k) => k.name);
    assert.equal(new Set(names).size, names.length, 'no key declared twice');
    const root = join(__dirname, '../../../src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts')) files.push(full);
      }
    };
    walk(root);
    const offenders: string[] = [];
    for (const file of files) {
      const rel = relative(root, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8');
      // extension.ts hands the two Mementos to the stores, and nothing else.
      const mementoUses = text.match(/\b(workspaceState|globalState)\b/g)?.length ?? 0;
      if (rel !== 'extension.ts' && mementoUses) offenders.push(`${rel} uses workspaceState/globalState`);
      if (rel === 'extension.ts' && mementoUses !== 2) offenders.push(`extension.ts should only pass the Mementos to the stores (${mementoUses} uses)`);
      if (rel !== 'services/workspaceStore.ts') for (const n of names) if (text.includes(`'${n}'`)) offenders.push(`${rel} names the state key ${n}`);
    }
    assert.deepEqual(offenders, []);
  });
});
