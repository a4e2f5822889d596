import assert from 'node:assert/strict';
import type { EndpointFormInput, ValidationFacts, ValidationIssue } from '../../../../src/aws/createEndpoint/endpointRequest';
import { checkSecurityGroupName, checkServiceName, validateEndpointForm } from '../../../../src/aws/createEndpoint/formValidation';
import { checkCidr } from '../../../../src/aws/createEndpoint/ipv4Cidr';
import { requestFingerprint } from '../../../../src/aws/createEndpoint/requestFingerprint';
import { TAG_REQUEST } from '../../../../src/aws/createEndpoint/resourceTags';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const VPC = 'vpc-0a0a0a0a0a0a0a0a0';
const SUB_A = 'subnet-0a0a0a0a0a0a0a0a1';
const SUB_B = 'subnet-0a0a0a0a0a0a0a0a2';
const SUB_C = 'subnet-0a0a0a0a0a0a0a0a3';
const SUB_A2 = 'subnet-0a0a0a0a0a0a0a0a4';
const APP_SG = 'sg-0a0a0a0a0a0a0a0a1';

function form(overrides: Partial<EndpointFormInput> = {}): EndpointFormInput {
  return {
    region: 'us-east-1',
    serviceName: SERVICE,
    vpcId: VPC,
    subnetIds: [SUB_A, SUB_B],
    securityGroup: { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', sourceKind: 'securityGroups', sourceGroupIds: [APP_SG], cidrs: [] },
    privateDns: true,
    nameTag: 'orders-main',
    ...overrides,
  };
}

function facts(overrides: Partial<ValidationFacts> = {}): ValidationFacts {
  return {
    service: { serviceName: SERVICE, availabilityZones: ['us-east-1a', 'us-east-1b'], acceptanceRequired: false },
    vpc: { id: VPC, cidrBlock: '10.0.0.0/16' },
    vpcDns: { enableDnsSupport: true, enableDnsHostnames: true },
    subnets: [
      { id: SUB_A, vpcId: VPC, availabilityZone: 'us-east-1a' },
      { id: SUB_B, vpcId: VPC, availabilityZone: 'us-east-1b' },
      { id: SUB_C, vpcId: VPC, availabilityZone: 'us-east-1c' },
      { id: SUB_A2, vpcId: VPC, availabilityZone: 'us-east-1a' },
    ],
    securityGroups: [
      { id: APP_SG, name: 'app-servers', vpcId: VPC },
      { id: 'sg-0a0a0a0a0a0a0a0a9', name: 'default', vpcId: VPC },
    ],
    existingEndpoints: [],
    ...overrides,
  };
}

function errors(issues: ValidationIssue[]) {
  return issues.filter((i) => i.severity === 'error');
}

/** Exactly one error, on `field`, whose message matches. */
function oneError(input: EndpointFormInput, f: ValidationFacts, field: string, pattern: RegExp) {
  const result = validateEndpointForm(input, f);
  const errs = errors(result.issues);
  assert.equal(result.request, undefined, 'no request while an error stands');
  assert.equal(errs.length, 1, JSON.stringify(errs));
  assert.equal(errs[0].field, field);
  assert.match(errs[0].message, pattern);
  return errs[0];
}

describe('createEndpoint/formValidation', () => {
  it('accepts a good form and normalises it (trimmed, de-duplicated, sorted)', () => {
    const result = validateEndpointForm(form({ subnetIds: [` ${SUB_B} `, SUB_A, SUB_A], nameTag: '  orders-main ', branch: 'acme/orders/main' }), facts());
    assert.deepEqual(errors(result.issues), []);
    assert.deepEqual(result.issues, []);
    assert.ok(result.request);
    assert.deepEqual(result.request.subnetIds, [SUB_A, SUB_B]);
    assert.equal(result.request.nameTag, 'orders-main');
    assert.equal(result.request.branch, 'acme/orders/main');
    assert.deepEqual(result.request.securityGroup, {
      mode: 'create',
      groupName: 'PScalePrivateLinkEndpointSG',
      description: 'Security group for PlanetScale PrivateLink endpoint',
      source: { kind: 'securityGroups', groupIds: [APP_SG] },
    });
  });

  describe('service name', () => {
    it('must look like com.amazonaws.vpce.<region>.vpce-svc-<hex>', () => {
      oneError(form({ serviceName: 'vpce-svc-0a1b2c3d4e5f60001' }), {}, 'serviceName', /not an endpoint service name.*Private Service Name/);
      oneError(form({ serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-XYZ' }), {}, 'serviceName', /not an endpoint service name/);
    });
    it('is required', () => {
      oneError(form({ serviceName: '  ' }), {}, 'serviceName', /Enter the Private Service Name/);
    });
    it("must be in the form's region, and says which region to switch to", () => {
      const issue = oneError(form({ serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002' }), {}, 'serviceName', /eu-west-1.*us-east-1/);
      assert.match(issue.message, /switch the region to eu-west-1/);
    });
    it('checkServiceName without a region only checks the format', () => {
      assert.equal(checkServiceName('com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002'), null);
    });
  });

  it('region must be a region code', () => {
    const result = validateEndpointForm(form({ region: 'Virginia' }), {});
    assert.equal(errors(result.issues)[0].field, 'region');
    assert.match(errors(result.issues)[0].message, /us-east-1/);
  });

  it('VPC id must be a vpc id', () => {
    oneError(form({ vpcId: 'app-vpc' }), {}, 'vpcId', /not a VPC id/);
  });

  describe('subnets', () => {
    it('at least one', () => {
      oneError(form({ subnetIds: [] }), facts(), 'subnetIds', /at least one subnet/);
    });
    it('only in zones the service offers, naming the zone and the offered ones', () => {
      oneError(form({ subnetIds: [SUB_A, SUB_C] }), facts(), 'subnetIds', new RegExp(`${SUB_C} is in us-east-1c.*offers us-east-1a, us-east-1b`));
    });
    it('at most one per zone', () => {
      oneError(form({ subnetIds: [SUB_A, SUB_A2] }), facts(), 'subnetIds', /both in us-east-1a.*Keep one/);
    });
    it('in the chosen VPC', () => {
      oneError(form({ subnetIds: [SUB_A, 'subnet-0b0b0b0b0b0b0b0b0'] }), facts(), 'subnetIds', /is not in vpc-/);
    });
    it('warns below two', () => {
      const result = validateEndpointForm(form({ subnetIds: [SUB_A] }), facts());
      assert.ok(result.request, 'a warning does not block');
      assert.deepEqual(result.issues.map((i) => [i.field, i.severity, i.code]), [['subnetIds', 'warning', 'SingleSubnet']]);
      assert.match(result.issues[0].message, /two or more zones/);
    });
    it('format', () => {
      oneError(form({ subnetIds: [SUB_A, 'sub-123'] }), {}, 'subnetIds', /"sub-123" is not a subnet id/);
    });
  });

  describe('security group', () => {
    it('name rules: required, no sg- prefix, allowed characters, length', () => {
      const name = (groupName: string) => form({ securityGroup: { mode: 'create', groupName, sourceKind: 'securityGroups', sourceGroupIds: [APP_SG], cidrs: [] } });
      oneError(name(''), {}, 'securityGroup.groupName', /Enter a name/);
      oneError(name('sg-endpoint'), {}, 'securityGroup.groupName', /cannot start with "sg-"/);
      oneError(name('endpoint<1>'), {}, 'securityGroup.groupName', /only letters, digits/);
      oneError(name('x'.repeat(256)), {}, 'securityGroup.groupName', /256 characters.*at most 255/);
      assert.equal(checkSecurityGroupName('PScale PrivateLink (pg) #1'), null);
    });
    it('the name must be free in the VPC, naming the group to use instead', () => {
      const f = facts({ securityGroups: [...facts().securityGroups!, { id: 'sg-0c0c0c0c0c0c0c0c0', name: 'PScalePrivateLinkEndpointSG', vpcId: VPC }] });
      const issue = oneError(form(), f, 'securityGroup.groupName', /already has a security group named.*sg-0c0c0c0c0c0c0c0c0/);
      assert.equal(issue.code, 'DuplicateSecurityGroupName');
    });
    it("a group of that name made by an earlier submit of the same form is not a clash", () => {
      const request = validateEndpointForm(form(), facts()).request!;
      const ours = { id: 'sg-0c0c0c0c0c0c0c0c0', name: 'PScalePrivateLinkEndpointSG', vpcId: VPC, tags: { [TAG_REQUEST]: requestFingerprint(request) } };
      const result = validateEndpointForm(form(), facts({ securityGroups: [...facts().securityGroups!, ours] }));
      assert.deepEqual(result.issues, []);
    });
    it('client groups: at least one, ids, in the VPC', () => {
      const src = (ids: string[]) => form({ securityGroup: { mode: 'create', groupName: 'x', sourceKind: 'securityGroups', sourceGroupIds: ids, cidrs: [] } });
      oneError(src([]), facts(), 'securityGroup.sourceGroupIds', /at least one client security group/);
      oneError(src(['app-servers']), {}, 'securityGroup.sourceGroupIds', /not a security group id/);
      oneError(src(['sg-0d0d0d0d0d0d0d0d0']), facts(), 'securityGroup.sourceGroupIds', /not in vpc-/);
    });
    it('CIDRs: format, host bits with the corrected block, at least one', () => {
      const cidrs = (list: string[]) => form({ securityGroup: { mode: 'create', groupName: 'x', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: list } });
      oneError(cidrs([]), {}, 'securityGroup.cidrs', /at least one IPv4 CIDR/);
      oneError(cidrs(['10.0.0.5/16']), {}, 'securityGroup.cidrs', /host bits set; use 10\.0\.0\.0\/16/);
      oneError(cidrs(['10.0.0.0']), {}, 'securityGroup.cidrs', /address\/prefix/);
      oneError(cidrs(['10.0.300.0/24']), {}, 'securityGroup.cidrs', /0-255/);
      oneError(cidrs(['10.0.0.0/33']), {}, 'securityGroup.cidrs', /0 to 32/);
      const ok = validateEndpointForm(cidrs(['10.0.0.0/16', '10.0.0.0/16']), facts());
      assert.deepEqual(ok.request?.securityGroup, { mode: 'create', groupName: 'x', description: 'Security group for PlanetScale PrivateLink endpoint', source: { kind: 'cidrs', cidrs: ['10.0.0.0/16'] } });
    });
    it('CIDRs: warns for 0.0.0.0/0 and for ranges outside the VPC', () => {
      const cidrs = (list: string[]) => form({ securityGroup: { mode: 'create', groupName: 'x', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: list } });
      const open = validateEndpointForm(cidrs(['0.0.0.0/0']), facts());
      assert.ok(open.request);
      assert.match(open.issues[0].message, /every address/);
      const outside = validateEndpointForm(cidrs(['192.168.0.0/24']), facts());
      assert.equal(outside.issues[0].code, 'CidrOutsideVpc');
      assert.equal(outside.issues[0].severity, 'warning');
      assert.equal(validateEndpointForm(cidrs(['10.0.4.0/24']), facts()).issues.length, 0, 'inside the VPC: fine');
    });
    it('checkCidr edge cases', () => {
      assert.equal(checkCidr('0.0.0.0/0'), null);
      assert.equal(checkCidr('127.10.1.50/32'), null);
      assert.match(checkCidr('127.10.1.50/24')!, /use 127\.10\.1\.0\/24/);
      assert.match(checkCidr('01.2.3.0/24')!, /invalid address/);
    });
    it('existing group: id, in the VPC, warns without 5432/6432 inbound', () => {
      const existing = (groupId: string) => form({ securityGroup: { mode: 'existing', groupId } });
      oneError(existing(''), {}, 'securityGroup.groupId', /Choose the existing security group/);
      oneError(existing('sg-0d0d0d0d0d0d0d0d0'), facts(), 'securityGroup.groupId', /not in vpc-/);
      const rule = (fromPort: number, toPort: number) => ({ protocol: 'tcp', fromPort, toPort, cidrs: ['10.0.0.0/16'], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: [] });
      const only5432 = facts({ securityGroups: [{ id: APP_SG, name: 'app-servers', vpcId: VPC, ingress: [rule(5432, 5432)] }] });
      const result = validateEndpointForm(existing(APP_SG), only5432);
      assert.ok(result.request);
      assert.equal(result.issues.length, 1);
      assert.equal(result.issues[0].code, 'GroupMissingPorts');
      assert.match(result.issues[0].message, /TCP 6432/);
      const range = facts({ securityGroups: [{ id: APP_SG, name: 'app-servers', vpcId: VPC, ingress: [rule(5000, 7000)] }] });
      assert.deepEqual(validateEndpointForm(existing(APP_SG), range).issues, []);
    });
    it('asks for a mode when none is given', () => {
      const result = validateEndpointForm({ ...form(), securityGroup: undefined as unknown as EndpointFormInput['securityGroup'] }, {});
      assert.equal(errors(result.issues)[0].field, 'securityGroup.mode');
    });
  });

  describe('private DNS', () => {
    it('needs both VPC DNS attributes and names the missing one', () => {
      const issue = oneError(form(), facts({ vpcDns: { enableDnsSupport: true, enableDnsHostnames: false } }), 'privateDns', /enableDnsHostnames is off/);
      assert.equal(issue.code, 'VpcDnsOff');
      assert.match(issue.message, /turn private DNS off/);
    });
    it('is fine without the attributes when off', () => {
      const result = validateEndpointForm(form({ privateDns: false }), facts({ vpcDns: { enableDnsSupport: false, enableDnsHostnames: false } }));
      assert.deepEqual(result.issues, []);
    });
    it('an endpoint with private DNS for the service already in the VPC conflicts; without, warns', () => {
      const existing = [{ id: 'vpce-0e0e0e0e0e0e0e0e0', state: 'available' as const, privateDnsEnabled: true, vpcId: VPC, serviceName: SERVICE }];
      const issue = oneError(form(), facts({ existingEndpoints: existing }), 'privateDns', /vpce-0e0e0e0e0e0e0e0e0.*Use vpce-0e0e0e0e0e0e0e0e0 instead/);
      assert.equal(issue.code, 'ConflictingPrivateDns');
      const noDns = validateEndpointForm(form({ privateDns: false }), facts({ existingEndpoints: existing }));
      assert.deepEqual(noDns.issues.map((i) => [i.field, i.severity, i.code]), [['serviceName', 'warning', 'EndpointExists']]);
      const deleted = validateEndpointForm(form(), facts({ existingEndpoints: [{ ...existing[0], state: 'deleted' }] }));
      assert.deepEqual(deleted.issues, [], 'a deleted endpoint does not count');
    });
  });

  describe('Name tag and branch', () => {
    it('Name tag at most 256 characters; a warning when empty', () => {
      oneError(form({ nameTag: 'n'.repeat(257) }), {}, 'nameTag', /257 characters.*at most 256/);
      const empty = validateEndpointForm(form({ nameTag: '' }), facts());
      assert.ok(empty.request);
      assert.deepEqual(empty.issues.map((i) => [i.field, i.severity]), [['nameTag', 'warning']]);
    });
    it('branch must be org/db/branch', () => {
      oneError(form({ branch: 'orders/main' }), {}, 'branch', /<organization>\/<database>\/<branch>/);
    });
  });

  it('reports every bad field at once, one message per field', () => {
    const result = validateEndpointForm(
      { region: 'us-east-1', serviceName: 'x', vpcId: 'y', subnetIds: [], securityGroup: { mode: 'create', groupName: '', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['1.2.3.4/8'] }, privateDns: true, nameTag: 'n' },
      facts(),
    );
    assert.deepEqual(errors(result.issues).map((i) => i.field).sort(), ['securityGroup.cidrs', 'securityGroup.groupName', 'serviceName', 'subnetIds', 'vpcId']);
  });

  it('never throws on garbage from the webview', () => {
    const garbage = [null, {}, { subnetIds: 'x', securityGroup: { mode: 'create', sourceGroupIds: 5 } }, { region: 5, privateDns: 'yes' }];
    for (const g of garbage) {
      const result = validateEndpointForm(g as unknown as EndpointFormInput, {});
      assert.equal(result.request, undefined);
      assert.ok(errors(result.issues).length > 0);
    }
  });
});
