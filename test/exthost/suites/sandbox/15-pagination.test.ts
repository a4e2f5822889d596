// The PlanetScale tree follows pagination to the end: with the API capped at one item per page,
// every database and branch still shows, fetched over three or more pages.
import assert from 'node:assert/strict';
import { ExtensionApi, childrenOf, extensionApi, nodeAt } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';

interface ApiRequest {
  method: string;
  path: string;
  query: string;
  status: number;
}

describe('pagination in the PlanetScale tree', function () {
  this.timeout(60_000);
  const info = sandboxInfo();
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    await control('/planetscale/max-per-page', { n: 1 });
  });

  after(async () => {
    await control('/planetscale/max-per-page', { n: 1000 });
  });

  it('lists every database and branch across one-item pages', async () => {
    const before = ((await control('/planetscale/requests')) as ApiRequest[]).length;
    api.planetscaleExplorer.refresh();
    const dbs = await childrenOf(api.planetscaleExplorer, (await nodeAt(api.planetscaleExplorer, info.planetscaleOrg)).node);
    assert.deepEqual(dbs.map((d) => d.label).sort(), ['analytics', 'legacy', 'orders']);
    const children = await childrenOf(api.planetscaleExplorer, (await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders')).node);
    const branches = children.filter((c) => /^branch/.test(String(c.item.contextValue)));
    assert.deepEqual(branches.map((b) => b.label).sort(), ['dev', 'feature-x', 'main']);
    const requests = ((await control('/planetscale/requests')) as ApiRequest[]).slice(before);
    const pages = (suffix: string) => requests.filter((r) => r.method === 'GET' && r.path.endsWith(suffix) && r.status === 200).length;
    assert.ok(pages(`/organizations/${info.planetscaleOrg}/databases`) >= 3, `database pages: ${JSON.stringify(requests)}`);
    assert.ok(pages('/databases/orders/branches') >= 3, `branch pages: ${JSON.stringify(requests)}`);
  });
});
