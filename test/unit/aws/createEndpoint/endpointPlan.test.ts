import assert from 'node:assert/strict';
import { buildEndpointPlan, estimateMonthlyCost } from '../../../../src/aws/createEndpoint/endpointPlan';
import type { EndpointRequest } from '../../../../src/aws/createEndpoint/endpointRequest';
import { endpointClientToken, requestFingerprint } from '../../../../src/aws/createEndpoint/requestFingerprint';
import { TAG_BRANCH, TAG_CREATED_BY, TAG_REQUEST } from '../../../../src/aws/createEndpoint/resourceTags';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

function request(overrides: Partial<EndpointRequest> = {}): EndpointRequest {
  return {
    region: 'us-east-1',
    serviceName: SERVICE,
    vpcId: 'vpc-0a0a0a0a0a0a0a0a0',
    subnetIds: ['subnet-0a0a0a0a0a0a0a0a1', 'subnet-0a0a0a0a0a0a0a0a2'],
    securityGroup: { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', description: 'Security group for PlanetScale PrivateLink endpoint', source: { kind: 'securityGroups', groupIds: ['sg-0a0a0a0a0a0a0a0a1'] } },
    privateDns: true,
    nameTag: 'orders-main',
    branch: 'acme/orders/main',
    ...overrides,
  };
}

describe('createEndpoint/endpointPlan', () => {
  it('orders the steps: group, rules, endpoint, wait', () => {
    const plan = buildEndpointPlan(request());
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
    assert.equal(plan.acceptanceRequired, false);
    assert.equal(plan.privateDnsAfterAcceptance, false);
  });

  it('each step says what it creates, its CLI equivalent and how it is undone', () => {
    const [sg, rules, endpoint, wait] = buildEndpointPlan(request()).steps;
    assert.match(sg.creates!, /PScalePrivateLinkEndpointSG.*vpc-0a0a0a0a0a0a0a0a0/);
    assert.match(sg.cli, /^SG_ID=\$\(aws ec2 create-security-group/);
    assert.match(sg.undo!, /Delete security group/);
    assert.match(sg.undoCli!, /aws ec2 delete-security-group --region us-east-1 --group-id "\$SG_ID"/);
    assert.match(rules.creates!, /5432 and 6432 from security group sg-0a0a0a0a0a0a0a0a1/);
    assert.match(rules.cli, /authorize-security-group-ingress/);
    assert.equal(rules.undoCli, null, 'removed with the group');
    assert.match(endpoint.creates!, /subnet-0a0a0a0a0a0a0a0a1, subnet-0a0a0a0a0a0a0a0a2.*private DNS on.*Name "orders-main"/);
    assert.match(endpoint.cli, /create-vpc-endpoint/);
    assert.match(endpoint.undoCli!, /delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids "\$ENDPOINT_ID"/);
    assert.equal(wait.creates, null);
    assert.equal(wait.undo, null);
    assert.match(wait.cli, /describe-vpc-endpoints/);
  });

  it('with an existing group there is nothing to create or undo for it', () => {
    const plan = buildEndpointPlan(request({ securityGroup: { mode: 'existing', groupId: 'sg-0b0b0b0b0b0b0b0b0' } }));
    assert.deepEqual(plan.steps.map((s) => s.id), ['createEndpoint', 'waitAvailable']);
    assert.match(plan.steps[0].cli, /--security-group-ids sg-0b0b0b0b0b0b0b0b0/);
    assert.match(plan.steps[0].creates!, /security group sg-0b0b0b0b0b0b0b0b0/);
  });

  it('a service that requires acceptance: create without private DNS, wait for acceptance, then turn it on', () => {
    const plan = buildEndpointPlan(request(), { acceptanceRequired: true });
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitForAcceptance', 'enablePrivateDns', 'waitAvailable']);
    assert.equal(plan.privateDnsAfterAcceptance, true);
    const create = plan.steps.find((s) => s.id === 'createEndpoint')!;
    assert.match(create.cli, /--no-private-dns-enabled/);
    assert.match(create.creates!, /private DNS on after acceptance/);
    assert.match(plan.steps.find((s) => s.id === 'enablePrivateDns')!.cli, /modify-vpc-endpoint[\s\S]*--private-dns-enabled/);
  });

  it('acceptance without private DNS needs no modify step', () => {
    const plan = buildEndpointPlan(request({ privateDns: false }), { acceptanceRequired: true });
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitForAcceptance', 'waitAvailable']);
    assert.match(plan.steps[2].cli, /--no-private-dns-enabled/);
  });

  it('tags both resources: Name, created-by, branch and the form fingerprint', () => {
    const plan = buildEndpointPlan(request());
    const map = (tags: { Key: string; Value: string }[]) => Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
    assert.deepEqual(map(plan.endpointTags), { Name: 'orders-main', [TAG_CREATED_BY]: 'vscode-extension', [TAG_BRANCH]: 'acme/orders/main', [TAG_REQUEST]: plan.fingerprint });
    assert.deepEqual(map(plan.securityGroupTags), { Name: 'PScalePrivateLinkEndpointSG', [TAG_CREATED_BY]: 'vscode-extension', [TAG_BRANCH]: 'acme/orders/main', [TAG_REQUEST]: plan.fingerprint });
    assert.equal(map(buildEndpointPlan(request({ branch: undefined })).endpointTags)[TAG_BRANCH], undefined);
  });

  describe('fingerprint and ClientToken', () => {
    it('the same form gives the same fingerprint; any change gives another', () => {
      const base = requestFingerprint(request());
      assert.match(base, /^pspl-[0-9a-f]{32}$/);
      assert.equal(requestFingerprint(request()), base);
      const variants: Partial<EndpointRequest>[] = [
        { region: 'eu-west-1' },
        { vpcId: 'vpc-0b0b0b0b0b0b0b0b0' },
        { subnetIds: ['subnet-0a0a0a0a0a0a0a0a1'] },
        { privateDns: false },
        { nameTag: 'other' },
        { branch: 'acme/orders/dev' },
        { securityGroup: { mode: 'existing', groupId: 'sg-0a0a0a0a0a0a0a0a1' } },
      ];
      const prints = variants.map((v) => requestFingerprint(request(v)));
      assert.equal(new Set([base, ...prints]).size, variants.length + 1);
    });
    it('the token is the fingerprint plus the group id, at most 64 characters; a salt changes it', () => {
      const fp = requestFingerprint(request());
      const token = endpointClientToken(fp, 'sg-0123456789abcdef0');
      assert.equal(token, `${fp}-sg-0123456789abcdef0`);
      assert.ok(token.length <= 64);
      const salted = endpointClientToken(fp, 'sg-0123456789abcdef0', '1700000000000');
      assert.notEqual(salted, token);
      assert.ok(salted.startsWith(fp));
      assert.ok(endpointClientToken(fp, 'sg-'.padEnd(80, 'f')).length <= 64);
    });
  });

  describe('cost estimate', () => {
    it('AZs × about $0.01 × 730 h, said as "about"', () => {
      const two = estimateMonthlyCost(2);
      assert.equal(two.monthlyUsd, 14.6);
      assert.match(two.text, /^about \$14\.60 a month for 2 Availability Zones/);
      assert.match(two.text, /\$0\.01 per GB/);
      // PlanetScale charges for private traffic beyond an allowance per branch (pricing changed).
      assert.doesNotMatch(two.text, /PlanetScale adds no charge/);
      assert.match(two.text, /PlanetScale charges \$0\.01 per GB of private-connection traffic beyond the branch's included allowance/);
      assert.equal(two.planetscaleUsdPerGb, 0.01);
      assert.equal(estimateMonthlyCost(1).monthlyUsd, 7.3);
      assert.match(estimateMonthlyCost(1).text, /1 Availability Zone \(/);
      assert.equal(estimateMonthlyCost(3).monthlyUsd, 21.9);
      assert.equal(estimateMonthlyCost(0).monthlyUsd, 0);
    });
    it('counts distinct zones of the chosen subnets when known, else the subnets', () => {
      const req = request({ subnetIds: ['subnet-0a0a0a0a0a0a0a0a1', 'subnet-0a0a0a0a0a0a0a0a2', 'subnet-0a0a0a0a0a0a0a0a3'] });
      assert.equal(buildEndpointPlan(req).cost.availabilityZones, 3);
      const zones = { 'subnet-0a0a0a0a0a0a0a0a1': 'us-east-1a', 'subnet-0a0a0a0a0a0a0a0a2': 'us-east-1b', 'subnet-0a0a0a0a0a0a0a0a3': 'us-east-1b' };
      assert.equal(buildEndpointPlan(req, { subnetAvailabilityZones: zones }).cost.availabilityZones, 2);
    });
  });
});
