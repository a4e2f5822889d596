// The Create Endpoint form's host against the sandbox, creating: the happy path from a branch, the
// same form submitted again, and a cancelled wait. The set-up is createEndpointFixture.ts.
import assert from 'node:assert/strict';
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { Transition } from '../../../../src/aws/watch/endpointStatusModel';
import type { EndpointFormInput } from '../../../../src/aws/createEndpoint/endpointRequest';
import { readCreatedEndpoints } from '../../../../src/webviews/createEndpoint/createdEndpoints';
import { control } from '../../support/sandboxInfo';
import { testEc2 } from '../../support/sandboxEc2';
import { type Reply, type ScriptedPage, scriptedUi } from './createEndpointScripted';
import {
  SERVICE, SG_NAME, api, controllerOf, createdEndpoints, formFor, groupsNamed, info, liveEndpoints, openForm, start, useCreateEndpointFixture,
} from './createEndpointFixture';

describe('Create Endpoint form host against the sandbox: creating', function () {
  /** The happy path's form and result, for the re-submit test that follows it. */
  let created: { page: ScriptedPage; form: EndpointFormInput; vpcId: string; endpointId: string; securityGroupId: string } | undefined;
  /** Keep the last form open into the next test (the re-submit uses the same page). */
  let keepOpen = false;
  useCreateEndpointFixture(this, {
    keepOpenOnce: () => {
      const keep = keepOpen;
      keepOpen = false;
      return keep;
    },
  });

  it('creates from a branch: verify, app-vpc, subnets in 1a and 1b, new group from app-servers, plan, create, available, remembered', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm({ payload: { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true } }, ui);
    const snapshot = await start(page);
    // The branch node carried no service name: the host read it from PlanetScale.
    assert.equal(snapshot.prefill.serviceName, SERVICE);
    assert.equal(snapshot.region, 'us-east-1');
    assert.equal(snapshot.branch, `${info.planetscaleOrg}/orders/main`);
    assert.match(snapshot.privateHost ?? '', /^[a-z0-9-]+\.private-pg\.psdb\.cloud$/);
    assert.equal(snapshot.profile, info.awsProfile);
    // app-vpc is the only non-default VPC with DNS support and hostnames on (legacy-vpc has hostnames off).
    assert.equal(snapshot.prefill.vpcId, snapshot.vpcs!.find((v) => v.name === 'app-vpc')!.id, 'app-vpc is preselected');

    const verified = await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
    assert.deepEqual(verified.service?.availabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(verified.service?.privateDnsName, '*.private-pg.psdb.cloud');
    assert.equal(verified.service?.acceptanceRequired, false);

    const { form, vpcId } = await formFor(page, snapshot);
    const appServers = form.securityGroup.mode === 'create' ? form.securityGroup.sourceGroupIds[0] : '';
    assert.deepEqual(await liveEndpoints(vpcId), [], 'app-vpc must start without an endpoint for the service');

    const planned = await page.request({ type: 'plan', form }, 'planned');
    assert.deepEqual(planned.issues.filter((i) => i.severity === 'error'), []);
    const plan = planned.plan!;
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
    assert.equal(plan.cost.availabilityZones, 2);
    assert.equal(plan.cost.monthlyUsd, 14.6);
    assert.match(plan.cost.text, /^about \$14\.60 a month for 2 Availability Zones/);
    const cli = plan.exports.cli;
    assert.match(cli, /aws ec2 create-security-group[\s\S]*--group-name PScalePrivateLinkEndpointSG[\s\S]*--vpc-id /);
    assert.ok(cli.includes(`--vpc-id ${vpcId}`), cli);
    assert.match(cli, new RegExp(`aws ec2 authorize-security-group-ingress[\\s\\S]*"FromPort":5432[\\s\\S]*"GroupId":"${appServers}"[\\s\\S]*"FromPort":6432`));
    assert.match(cli, new RegExp(`aws ec2 create-vpc-endpoint[\\s\\S]*--service-name ${SERVICE.replace(/\./g, '\\.')}[\\s\\S]*--subnet-ids ${form.subnetIds.slice().sort().join(' ')}[\\s\\S]*--private-dns-enabled`));
    assert.match(plan.exports.terraform, /resource "aws_vpc_endpoint"/);
    assert.match(plan.exports.terraform, /resource "aws_security_group"/);

    const mark = page.received.length;
    const arrivals: Transition[] = [];
    const listening = api.endpointWatcher.onDidNotify((t) => arrivals.push(t));
    const finished = await page.request({ type: 'create', form }, 'createFinished', 90_000).finally(() => listening.dispose());
    assert.equal(finished.outcome.kind, 'applied', JSON.stringify(finished.outcome));
    const result = finished.outcome.kind === 'applied' ? finished.outcome.result : undefined;
    assert.equal(result?.outcome, 'succeeded', JSON.stringify(result));
    if (result?.outcome !== 'succeeded') return;
    createdEndpoints.push(result.endpointId);
    assert.match(result.endpointId, /^vpce-[0-9a-f]{17}$/);
    assert.equal(result.state, 'available');
    assert.equal(result.reusedEndpoint, false);

    // Progress streamed in order: dry run first, then each step to done.
    const progress = page.since(mark).filter((m): m is Reply<'progress'> => m.type === 'progress');
    assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['validating', 'dryRun', 'applying']);
    const done = progress.filter((p) => p.event?.status === 'done').map((p) => p.event!.stepId);
    assert.deepEqual(done, ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
    assert.ok(progress.some((p) => p.event?.stepId === 'waitAvailable' && p.event.status === 'running' && /pending/.test(p.event.message)), 'the wait reported the pending state');
    assert.deepEqual(ui.progressTitles, [`Creating the PrivateLink endpoint in ${vpcId}`]);
    // The user is told once: by the form, or by the status-bar watcher when it saw the arrival first.
    const toldByForm = ui.notifications.some((n) => n.startsWith('info: ') && n.includes(result.endpointId));
    const toldByWatcher = arrivals.some((t) => t.entry.endpointId === result.endpointId && t.kind === 'becameAvailable');
    assert.ok(toldByForm || toldByWatcher, ui.notifications.join('\n'));

    // Remembered for the status bar, in the shared shape.
    const records = readCreatedEndpoints(api.services.store);
    const record = records.find((r) => r.endpointId === result.endpointId);
    assert.ok(record, JSON.stringify(records));
    // The status bar watches it from the moment it exists; `lastState` is the watcher's bookkeeping.
    assert.equal(api.endpointWatcher.isWatched(result.endpointId), true);
    const shape: Record<string, unknown> = { ...record, createdAt: undefined };
    delete shape.lastState;
    assert.deepEqual(
      shape,
      {
        endpointId: result.endpointId,
        profile: info.awsProfile,
        region: 'us-east-1',
        vpcId,
        serviceName: SERVICE,
        securityGroupId: result.securityGroupId,
        privateHost: snapshot.privateHost,
        branch: { organization: info.planetscaleOrg, database: 'orders', branch: 'main' },
        createdAt: undefined,
      },
    );
    assert.ok(Math.abs(Date.parse(record.createdAt) - Date.now()) < 120_000);

    // What AWS (the emulator) now holds.
    const described = (await testEc2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [result.endpointId] }))).VpcEndpoints![0];
    assert.equal(described.State?.toLowerCase(), 'available');
    assert.equal(described.PrivateDnsEnabled, true);
    assert.deepEqual(described.SubnetIds?.slice().sort(), form.subnetIds.slice().sort());
    assert.deepEqual(described.Groups?.map((g) => g.GroupId), [result.securityGroupId]);
    assert.ok(described.Tags?.some((t) => t.Key === 'planetscale-privatelink:branch' && t.Value === `${info.planetscaleOrg}/orders/main`));
    const group = (await testEc2().send(new DescribeSecurityGroupsCommand({ GroupIds: [result.securityGroupId] }))).SecurityGroups![0];
    assert.equal(group.GroupName, SG_NAME);
    for (const port of [5432, 6432]) {
      assert.ok(group.IpPermissions?.some((p) => p.FromPort === port && p.ToPort === port && p.UserIdGroupPairs?.some((u) => u.GroupId === appServers)), `inbound ${port} from app-servers`);
    }

    // A page shown again (the webview reloaded) gets the whole run back on `ready`.
    await controllerOf(page).settled();
    const beforeReady = page.received.length;
    page.send({ type: 'ready' });
    const resent = await page.waitFor((m): m is Reply<'snapshot'> => m.type === 'snapshot' && page.received.indexOf(m) >= beforeReady, 10_000, 'snapshot after ready');
    assert.equal(resent.state.run?.outcome?.kind, 'applied');
    assert.equal(resent.state.run?.phase, 'finished');
    assert.equal(resent.state.plan?.fingerprint, plan.fingerprint);
    created = { page, form, vpcId, endpointId: result.endpointId, securityGroupId: result.securityGroupId };
    keepOpen = true;
  });

  it('returns the same endpoint when the same form is submitted again', async () => {
    assert.ok(created, 'needs the endpoint created by the previous test');
    const { page, form, vpcId } = created;
    const result = { endpointId: created.endpointId, securityGroupId: created.securityGroupId };
    const again = await page.request({ type: 'create', form }, 'createFinished', 90_000);
    const second = again.outcome.kind === 'applied' ? again.outcome.result : undefined;
    assert.equal(second?.outcome, 'succeeded', JSON.stringify(again.outcome));
    if (second?.outcome !== 'succeeded') return;
    assert.equal(second.endpointId, result.endpointId);
    assert.equal(second.reusedEndpoint, true);
    assert.equal(second.reusedSecurityGroup, true);
    assert.deepEqual(await liveEndpoints(vpcId), [result.endpointId]);
    assert.deepEqual(await groupsNamed(vpcId, SG_NAME), [result.securityGroupId]);
    assert.equal(readCreatedEndpoints(api.services.store).filter((r) => r.endpointId === result.endpointId).length, 1);
  });

  it('stops waiting on cancel, keeps the endpoint, says so and still remembers it', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm(undefined, ui);
    const snapshot = await start(page);
    const vpcId = snapshot.vpcs!.find((v) => v.isDefault)!.id;
    await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
    const details = (await page.request({ type: 'selectVpc', vpcId }, 'vpcLoaded')).details!;
    const subnet = (zone: string) => details.subnets.find((s) => s.availabilityZone === zone)!.id;
    const form: EndpointFormInput = {
      region: 'us-east-1',
      serviceName: SERVICE,
      vpcId,
      subnetIds: [subnet('us-east-1a'), subnet('us-east-1b')],
      securityGroup: { mode: 'create', groupName: SG_NAME, sourceKind: 'cidrs', sourceGroupIds: [], cidrs: [details.vpc.cidrBlock] },
      privateDns: false,
      nameTag: 'cancel-test',
    };
    await control('endpoint-delay', { ms: 120_000 });
    try {
      const requestId = 900;
      page.send({ type: 'create', requestId, form });
      await page.waitFor(
        (m): m is Reply<'progress'> => m.type === 'progress' && m.requestId === requestId && m.event?.stepId === 'waitAvailable' && /pending/.test(m.event.message),
        60_000,
        'the wait for the new endpoint',
      );
      const cancelled = await page.request({ type: 'cancel' }, 'actionDone');
      assert.equal(cancelled.ok, true);
      assert.match(cancelled.message ?? '', /Nothing is deleted/);
      const finished = await page.waitFor((m): m is Reply<'createFinished'> => m.type === 'createFinished' && m.requestId === requestId, 30_000, 'the end of the cancelled run');
      const result = finished.outcome.kind === 'applied' ? finished.outcome.result : undefined;
      assert.equal(result?.outcome, 'cancelled', JSON.stringify(finished.outcome));
      if (result?.outcome !== 'cancelled' || !result.endpointId) throw new Error('no endpoint id in the cancelled result');
      const endpointId = result.endpointId;
      createdEndpoints.push(endpointId);
      assert.match(result.message, /NOT deleted/);
      assert.ok(result.leftBehind.some((l) => l.id === endpointId && l.removeCommand.includes(`delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids ${endpointId}`)), JSON.stringify(result.leftBehind));
      // The endpoint goes on existing (still pending), and the status bar will follow it.
      assert.deepEqual(await liveEndpoints(vpcId), [endpointId]);
      assert.ok(readCreatedEndpoints(api.services.store).some((r) => r.endpointId === endpointId && r.vpcId === vpcId));
      assert.ok(ui.notifications.some((n) => n.startsWith('warning: ') && n.includes(endpointId)), ui.notifications.join('\n'));
      // The removal commands can be copied: the host has them for `cleanup`.
      const copied = await page.request({ type: 'copyExport', format: 'cleanup' }, 'actionDone');
      assert.equal(copied.ok, true, copied.message);
      assert.match(ui.clipboard.at(-1) ?? '', new RegExp(`aws ec2 delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids ${endpointId}`));
    } finally {
      await control('endpoint-delay', { ms: 1500 });
    }
  });
});
