import assert from 'node:assert/strict';
import { MAX_VPCS_TO_INSPECT, preselectVpc } from '../../../../src/aws/createEndpoint/vpcPreselection';
import type { VpcDnsAttributes, VpcSummary } from '../../../../src/aws/types';

const vpc = (id: string, isDefault = false): VpcSummary => ({ id, name: id, cidrBlock: '10.0.0.0/16', cidrBlocks: ['10.0.0.0/16'], isDefault, tags: {} });
const on: VpcDnsAttributes = { enableDnsSupport: true, enableDnsHostnames: true };
const hostnamesOff: VpcDnsAttributes = { enableDnsSupport: true, enableDnsHostnames: false };
const supportOff: VpcDnsAttributes = { enableDnsSupport: false, enableDnsHostnames: true };

/** A DNS look-up from a table; records which VPCs were asked. */
function dnsTable(table: Record<string, VpcDnsAttributes | Error>) {
  const asked: string[] = [];
  const dnsOf = async (id: string) => {
    asked.push(id);
    const answer = table[id];
    if (!answer || answer instanceof Error) throw answer ?? new Error(`no ${id}`);
    return answer;
  };
  return { asked, dnsOf };
}

describe('preselectVpc: the VPC the Create Endpoint form chooses before the user does', () => {
  it('chooses the only non-default VPC with DNS support and DNS hostnames on (the sandbox: app-vpc, not legacy-vpc or default)', async () => {
    const { asked, dnsOf } = dnsTable({ 'vpc-app': on, 'vpc-legacy': hostnamesOff, 'vpc-default': on });
    const pick = await preselectVpc([vpc('vpc-app'), vpc('vpc-legacy'), vpc('vpc-default', true)], dnsOf);
    assert.deepEqual(pick, { vpcId: 'vpc-app', reason: 'the only non-default VPC with DNS support and DNS hostnames on' });
    assert.deepEqual(asked.sort(), ['vpc-app', 'vpc-legacy'], 'the default VPC is not asked about');
  });

  it('needs both DNS settings on', async () => {
    const { dnsOf } = dnsTable({ a: supportOff, b: on });
    assert.equal((await preselectVpc([vpc('a'), vpc('b')], dnsOf))?.vpcId, 'b');
  });

  it("chooses the region's only VPC, even the default one, without asking its DNS settings", async () => {
    const { asked, dnsOf } = dnsTable({});
    assert.deepEqual(await preselectVpc([vpc('vpc-default', true)], dnsOf), { vpcId: 'vpc-default', reason: 'the only VPC in the region' });
    assert.deepEqual(asked, []);
  });

  it('leaves the choice to the user when it is open', async () => {
    const none = dnsTable({ a: hostnamesOff, b: supportOff });
    assert.equal(await preselectVpc([vpc('a'), vpc('b'), vpc('d', true)], none.dnsOf), undefined, 'no non-default VPC is ready');
    const two = dnsTable({ a: on, b: on });
    assert.equal(await preselectVpc([vpc('a'), vpc('b')], two.dnsOf), undefined, 'two are ready');
    const onlyDefaults = dnsTable({});
    assert.equal(await preselectVpc([], onlyDefaults.dnsOf), undefined, 'no VPC');
    const failed = dnsTable({ a: on, b: new Error('UnauthorizedOperation') });
    assert.equal(await preselectVpc([vpc('a'), vpc('b')], failed.dnsOf), undefined, 'b might be ready too');
  });

  it(`asks nothing of a region with more than ${MAX_VPCS_TO_INSPECT} non-default VPCs`, async () => {
    const many = Array.from({ length: MAX_VPCS_TO_INSPECT + 1 }, (_, i) => vpc(`v${i}`));
    const { asked, dnsOf } = dnsTable(Object.fromEntries(many.map((v, i) => [v.id, i === 0 ? on : hostnamesOff])));
    assert.equal(await preselectVpc(many, dnsOf), undefined);
    assert.deepEqual(asked, []);
  });
});
