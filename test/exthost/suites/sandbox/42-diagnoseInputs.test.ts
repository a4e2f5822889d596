// Diagnose against the sandbox, started from a tree item or a branch: what it asks the first time,
// that it asks nothing the second time, and Change inputs…. The set-up is diagnoseFixture.ts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createDiagnoseService } from '../../../../src/commands/diagnose';
import type { PickItem } from '../../../../src/commands/diagnose/diagnoseUi';
import { nodeAt, childrenOf } from '../../support/api';
import {
  api, appNet, appSgId, assertOnly, checkOf, controller, endpointId, forgetAnswers, info, page, password, privateHost, request, service, ui, useDiagnoseFixture, withoutManagedEnv,
} from './diagnoseFixture';

describe('Diagnose against the sandbox: the questions it asks', function () {
  useDiagnoseFixture(this);

  it('from the endpoint tree item: asks the branch host and the login once (the client is the group the endpoint\'s rules name), the second run asks nothing', async () => {
    api.awsExplorer.refresh();
    const app = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1', 'app-vpc');
    const endpointNode = (await childrenOf(api.awsExplorer, app.node)).find((c) => c.node.id.endsWith(`/${endpointId}`));
    assert.ok(endpointNode, `no tree item for ${endpointId}`);
    await forgetAnswers();
    await withoutManagedEnv(async () => {
      ui.answerNext((choices) => choices.find((c) => c.value === 'type')!.value);
      ui.answerNext(() => privateHost);
      ui.answerNext(() => ''); // network only: remembered
      const first = assertOnly(await service.diagnoseArgument(endpointNode.node), {});
      // The group the endpoint's inbound rules name is taken without asking.
      assert.deepEqual(first.client, { securityGroupIds: [appSgId] });
      assert.equal(first.privateHost, privateHost);
      assert.deepEqual(ui.asked, [
        `Diagnose Private Connection: which branch does ${endpointId} serve?`,
        'Diagnose Private Connection: Private Host',
        'Diagnose Private Connection: login check (optional)',
      ]);
      assert.equal(page.lastState()?.loginChecked, false);
      assert.equal(page.lastState()?.vantage, 'this machine (DNS answers and connections measured here)');

      // The second run asks nothing.
      ui.asked.length = 0;
      assertOnly(await service.diagnoseArgument(endpointNode.node), {});
      assert.deepEqual(ui.asked, []);
    });

    // Changing the client from the panel asks again and re-runs with the new answer.
    ui.answerNext((choices) => choices.find((c) => c.value === 'cidrs')!.value);
    ui.answerNext(() => `${appNet}.1.50`);
    const requestId = page.post({ type: 'action', action: 'changeClient' });
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    assert.deepEqual(service.lastResult?.client, { cidrs: [`${appNet}.1.50/32`] });
    assert.deepEqual(page.lastState()?.client, [`${appNet}.1.50/32`]);
    // As in AWS, a rule whose source is the application's group does not cover a bare address.
    assert.equal(checkOf(service.lastResult!, 'securityGroups').status, 'fail');
  });

  it('from a branch: finds the endpoint serving its service through EC2 when the tree has not loaded, with the branch host', async () => {
    await forgetAnswers();
    const fromEc2 = createDiagnoseService(api.services, { awsTree: { endpointsForService: () => [] }, watcher: api.endpointWatcher }, ui);
    try {
      await withoutManagedEnv(async () => {
        ui.answerNext(() => request.credentials!.username);
        ui.answerNext(() => password);
        const branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true };
        const result = assertOnly(await fromEc2.diagnoseArgument({ id: 'branch/acme/orders/main', payload: branch }), {});
        assert.equal(result.endpointId, endpointId);
        assert.equal(result.privateHost, privateHost);
        assert.deepEqual(result.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(result, 'connectivity').summary, /login and a query/);
        assert.deepEqual(ui.asked, [
          'Diagnose Private Connection: login check (optional)',
          `Diagnose Private Connection: password of ${request.credentials!.username}`,
        ]);
        assert.equal(fromEc2.view?.target.branch, `${info.planetscaleOrg}/orders/main`);
      });
    } finally {
      fromEc2.dispose();
    }
  });

  it('asks once: the login user from the .env the extension wrote, the group the endpoint\'s rules name; the second run asks nothing; Change inputs… shows each answer and preselects the group', async () => {
    await forgetAnswers();
    const username = request.credentials!.username;
    const envUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'diagnose-asks-once.env');
    const url = `postgresql://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${privateHost}:6432/postgres?sslmode=verify-full`;
    await vscode.workspace.fs.writeFile(envUri, Buffer.from(`APP_NAME=shop\nDATABASE_URL=${url}\n`));
    const fromEc2 = createDiagnoseService(api.services, { awsTree: { endpointsForService: () => [] }, watcher: api.endpointWatcher }, ui);
    const branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true };
    try {
      await withoutManagedEnv(async () => {
        // First run: only the password (the user is the .env's, the client the group the rules name).
        ui.answerNext(() => password);
        const first = assertOnly(await fromEc2.diagnoseArgument({ payload: branch }), {});
        assert.deepEqual(ui.asked, [`Diagnose Private Connection: password of ${username}`]);
        assert.deepEqual(first.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(first, 'connectivity').summary, /login and a query/);
        // Not copied into Diagnose's memory: the .env is read again each run, so a new role written there is followed.
        const users = api.services.context.workspaceState.get<Record<string, string>>('planetscalePrivateLink.diagnose.users');
        assert.equal(users?.[endpointId], undefined);

        // Second run: nothing asked, the same answers (the password kept in memory for this window only).
        ui.asked.length = 0;
        const second = assertOnly(await fromEc2.diagnoseArgument({ payload: branch }), {});
        assert.deepEqual(ui.asked, []);
        assert.deepEqual(second.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(second, 'connectivity').summary, /login and a query/);
        assert.ok(!JSON.stringify(api.services.context.workspaceState.keys().map((k) => api.services.context.workspaceState.get(k))).includes(password), 'the password was stored');

        // Change inputs…: each answer as it is now; with nothing remembered for the VPC, the group the rules name is preselected.
        await api.services.context.workspaceState.update('planetscalePrivateLink.diagnose.clientLocations', undefined);
        let offered: Array<PickItem<unknown>> = [];
        let groups: Array<PickItem<unknown>> = [];
        ui.answerNext((choices) => {
          offered = choices;
          return 'client';
        });
        ui.answerNext((choices) => choices.find((c) => c.value === 'securityGroups')!.value);
        ui.answerNext((choices) => {
          groups = choices;
          return choices.filter((c) => c.picked).map((c) => c.value);
        });
        const changed = assertOnly(await fromEc2.changeInputs(), {});
        assert.deepEqual(offered.map((c) => [c.label, c.description]), [
          ['$(cloud) Measure from', 'this machine'],
          ['$(shield) Where the application runs', `${appSgId} (app-servers)`],
          ['$(account) Login check', `as ${username}`],
        ]);
        assert.deepEqual(groups.filter((g) => g.picked).map((g) => g.label), ['app-servers']);
        assert.deepEqual(changed.client, { securityGroupIds: [appSgId] });
        assert.equal(ui.asked.length, 3, ui.asked.join(' | '));
      }, { [envUri.toString()]: ['DATABASE_URL'] });
    } finally {
      fromEc2.dispose();
      await vscode.workspace.fs.delete(envUri);
    }
  });

});
