// The /_sandbox/ JSON control API over HTTP, and pagination of a bulk-seeded region through
// the SDK's paginators.
import assert from 'node:assert/strict';
import {
  CreateVpcEndpointCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  paginateDescribeNetworkInterfaces,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { APP_SERVICE, type Fixture, rejection, useFixture, waitFor } from './emulatorFixture';

describe('ec2emulator: control API and pagination', function () {
  this.timeout(30000);
  let fx: Fixture;

  useFixture((f) => (fx = f), { endpointAvailableAfterMs: 60_000 });

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fx.emulator.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('faults: POST merges, GET reads, DELETE clears; they act on EC2 calls', async () => {
    assert.equal(fx.emulator.controlUrl, `${fx.emulator.url}/_sandbox`);
    const set = await control('POST', '/faults', { denyActions: ['DescribeSubnets'], latencyMs: 0 });
    assert.equal(set.status, 200);
    assert.deepEqual(set.json.denyActions, ['DescribeSubnets']);
    await control('POST', '/faults', { throttleNextCalls: 1 });
    const read = await control('GET', '/faults');
    assert.deepEqual([read.json.denyActions, read.json.throttleNextCalls], [['DescribeSubnets'], 1]);
    assert.equal((await rejection(fx.ec2().send(new DescribeVpcsCommand({})))).name, 'RequestLimitExceeded');
    assert.equal((await rejection(fx.ec2().send(new DescribeSubnetsCommand({})))).name, 'UnauthorizedOperation');
    const cleared = await control('DELETE', '/faults');
    assert.deepEqual(cleared.json.denyActions, []);
    await fx.ec2().send(new DescribeSubnetsCommand({}));
  });

  it('faults: bad input is a 400 naming the field; unknown routes are 404', async () => {
    const bad = await control('POST', '/faults', { throttleNextCalls: 'lots' });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /throttleNextCalls/);
    const unknown = await control('POST', '/faults', { explode: true });
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.json.error), /explode/);
    const notJson = await control('POST', '/faults', '{not json');
    assert.equal(notJson.status, 400);
    assert.equal((await control('GET', '/nowhere')).status, 404);
  });

  it('stats count calls per action and reset', async () => {
    await control('POST', '/stats/reset');
    await fx.ec2().send(new DescribeVpcsCommand({}));
    await fx.ec2().send(new DescribeVpcsCommand({}));
    const stats = await control('GET', '/stats');
    assert.deepEqual(stats.json, { calls: { DescribeVpcs: 2 }, total: 2 });
    await control('POST', '/stats/reset');
    assert.deepEqual((await control('GET', '/stats')).json, { calls: {}, total: 0 });
  });

  it('endpoint state and delay: force a state, make the next endpoint fail, see it in /state', async () => {
    const { VpcEndpoint: ep } = await fx.ec2().send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: fx.ids.appVpc, ServiceName: APP_SERVICE, SubnetIds: [fx.ids.subnetA] }),
    );
    const id = ep?.VpcEndpointId as string;
    const forced = await control('POST', `/endpoints/${id}/state`, { state: 'available' });
    assert.equal(forced.status, 200);
    assert.equal(forced.json.state, 'available');
    const described = await fx.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    assert.equal(described.VpcEndpoints?.[0].State, 'available');
    assert.equal((await control('POST', `/endpoints/${id}/state`, { state: 'bogus' })).status, 400);

    await control('POST', '/endpoint-delay', { ms: 50 });
    await control('POST', '/faults', { nextEndpointOutcome: 'failed' });
    const { VpcEndpoint: failing } = await fx.ec2().send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: fx.ids.appVpc, ServiceName: APP_SERVICE, SubnetIds: [fx.ids.subnetB], PrivateDnsEnabled: false }),
    );
    type StateJson = { regions: { name: string; endpoints: { endpointId: string; state: string }[] }[]; timings: { availableAfterMs: number } };
    const failedIn = (json: StateJson) => json.regions.find((r) => r.name === 'us-east-1')?.endpoints.find((e) => e.endpointId === failing?.VpcEndpointId)?.state === 'failed';
    const state = await waitFor(async () => (await control('GET', '/state')).json as StateJson, failedIn);
    assert.equal(state.timings.availableAfterMs, 50);
    const us = state.regions.find((r) => r.name === 'us-east-1');
    assert.equal(us?.endpoints.find((e) => e.endpointId === failing?.VpcEndpointId)?.state, 'failed');
    const list = await fetch(`${fx.emulator.controlUrl}/endpoints?region=us-east-1`).then((r) => r.json() as Promise<{ endpointId: string }[]>);
    assert.deepEqual(list.map((e) => e.endpointId).sort(), [id, failing?.VpcEndpointId].sort());
  });

  it('bulk seed over HTTP: 200 VPCs and 1,000 endpoints; paginateDescribeVpcs with MaxResults 5 walks them all', async () => {
    const seeded = await control('POST', '/bulk-seed', { region: 'us-east-1', vpcs: 200, endpoints: 1000 });
    assert.equal(seeded.status, 200);
    assert.deepEqual([seeded.json.vpcs, seeded.json.endpoints], [200, 1000]);

    fx.emulator.resetCallCounts();
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeVpcs({ client: fx.ec2(), pageSize: 5 }, {})) {
      pages++;
      assert.ok((page.Vpcs?.length ?? 0) <= 5);
      ids.push(...(page.Vpcs ?? []).map((v) => v.VpcId as string));
    }
    assert.equal(ids.length, 203);
    assert.equal(new Set(ids).size, 203, 'no VPC twice');
    assert.equal(pages, Math.ceil(203 / 5));
    assert.equal(fx.emulator.callCounts().DescribeVpcs, pages, 'one call per page');

    let endpoints = 0;
    for await (const page of paginateDescribeVpcEndpoints({ client: fx.ec2(), pageSize: 250 }, {})) endpoints += page.VpcEndpoints?.length ?? 0;
    assert.equal(endpoints, 1000);

    const ips = new Set<string>();
    for await (const page of paginateDescribeNetworkInterfaces({ client: fx.ec2(), pageSize: 1000 }, { Filters: [{ Name: 'interface-type', Values: ['vpc_endpoint'] }] })) {
      for (const eni of page.NetworkInterfaces ?? []) {
        assert.match(eni.PrivateIpAddress ?? '', /^127\.(1[2-9][0-9]|2[0-5][0-9])\.\d+\.\d+$/, 'bulk interfaces live on 127.128.0.0/9');
        ips.add(eni.PrivateIpAddress as string);
      }
    }
    assert.equal(ips.size, 2000, 'two interfaces per endpoint, every IP unique');
  });

  it('MaxResults outside the allowed range and foreign NextTokens are InvalidParameterValue', async () => {
    assert.equal((await rejection(fx.ec2().send(new DescribeVpcsCommand({ MaxResults: 4 })))).name, 'InvalidParameterValue');
    assert.equal((await rejection(fx.ec2().send(new DescribeVpcsCommand({ MaxResults: 1001 })))).name, 'InvalidParameterValue');
    assert.equal((await rejection(fx.ec2().send(new DescribeVpcsCommand({ NextToken: 'garbage' })))).name, 'InvalidParameterValue');
    const first = await fx.ec2().send(new DescribeSubnetsCommand({ MaxResults: 5 }));
    assert.equal(first.Subnets?.length, 5);
    assert.ok(first.NextToken);
    const wrong = await rejection(fx.ec2().send(new DescribeVpcsCommand({ NextToken: first.NextToken })));
    assert.equal(wrong.name, 'InvalidParameterValue', 'a token belongs to the call that issued it');
    const rest = await fx.ec2().send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    assert.equal(rest.Subnets?.length, 4);
    assert.equal(rest.NextToken, undefined);
    // Network interfaces page the same way: five at a time reaches exactly the unpaged list.
    const all = (await fx.ec2().send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces ?? [];
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await fx.ec2().send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NextToken: token }));
      assert.ok((page.NetworkInterfaces ?? []).length <= 5);
      paged.push(...(page.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(paged.sort(), all.map((n) => n.NetworkInterfaceId!).sort());
  });

  it('bulk seed refuses bad numbers', async () => {
    assert.equal((await control('POST', '/bulk-seed', { region: 'us-east-1', vpcs: -1, endpoints: 0 })).status, 400);
    assert.throws(() => fx.emulator.bulkSeed('us-east-1', 1.5, 0), /whole/);
  });
});
