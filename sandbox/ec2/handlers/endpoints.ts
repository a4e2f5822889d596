// VPC endpoints and endpoint services: DescribeVpcEndpointServices, CreateVpcEndpoint,
// ModifyVpcEndpoint, DescribeVpcEndpoints, DeleteVpcEndpoints, with EC2's validations.
import type { Handler, HandlerContext } from '../context';
import { cidrContains, parseCidr, parseIpv4 } from '../cidr';
import { createEndpointEni } from '../factory';
import { applyFilters } from '../filters';
import { randomId } from '../ids';
import type { EndpointRec, EndpointServiceRec, SubnetRec, VpcRec } from '../model';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { endpointShape, serviceDetailShape } from '../shapes';

function service(ctx: HandlerContext, name: string): EndpointServiceRec {
  const found = ctx.region.services.get(name);
  if (!found) throw new Ec2Error('InvalidServiceName', `The Vpc Endpoint Service '${name}' does not exist`);
  return found;
}

export const describeVpcEndpointServices: Handler = (ctx) => {
  const names = ctx.params.list('ServiceName');
  const selected = names.length ? [...new Set(names)].map((n) => service(ctx, n)) : [...ctx.region.services.values()];
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'service-name': (s) => s.serviceName,
      'service-type': (s) => s.serviceTypes,
      'service-region': () => ctx.region.name,
      owner: (s) => s.owner,
      'supported-ip-address-types': () => 'ipv4',
    },
    (s) => s.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return {
    serviceNameSet: page.items.map((s) => s.serviceName),
    serviceDetailSet: page.items.map(serviceDetailShape),
    nextToken: page.nextToken,
  };
};

/** States in which an endpoint's private DNS name still occupies the VPC. */
const HOLDS_PRIVATE_DNS = new Set(['pendingAcceptance', 'pending', 'available', 'deleting', 'partial']);

function checkPrivateDns(ctx: HandlerContext, vpc: VpcRec, svc: EndpointServiceRec, self?: EndpointRec): void {
  if (!svc.privateDnsName) {
    throw new Ec2Error('InvalidParameter', `Private DNS can't be enabled because the service ${svc.serviceName} does not provide a private DNS name.`);
  }
  if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) {
    throw new Ec2Error('InvalidParameter', `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.vpcId}`);
  }
  for (const other of ctx.region.endpoints.values()) {
    if (other === self || other.vpcId !== vpc.vpcId || !other.privateDnsEnabled || !HOLDS_PRIVATE_DNS.has(other.state)) continue;
    const otherName = ctx.region.services.get(other.serviceName)?.privateDnsName;
    if (otherName === svc.privateDnsName) {
      const domain = svc.privateDnsName.replace(/^\*\./, '');
      throw new Ec2Error('InvalidParameter', `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${domain} in the VPC ${vpc.vpcId}`);
    }
  }
}

/** Checks endpoint subnets: they exist, lie in the VPC, in zones the service offers, one per zone. */
function checkSubnets(ctx: HandlerContext, vpc: VpcRec, svc: EndpointServiceRec, subnetIds: string[]): SubnetRec[] {
  const subnets = subnetIds.map((id) => ctx.region.subnet(id));
  for (const s of subnets) {
    if (s.vpcId !== vpc.vpcId) throw new Ec2Error('InvalidParameter', `The subnet ${s.subnetId} does not belong to the VPC ${vpc.vpcId}.`);
    if (!svc.availabilityZones.includes(s.availabilityZone)) {
      throw new Ec2Error('InvalidParameter', `The VPC endpoint service ${svc.serviceName} does not support the availability zone of the subnet: ${s.subnetId}.`);
    }
  }
  const seen = new Map<string, string>();
  for (const s of subnets) {
    if (seen.has(s.availabilityZone)) {
      throw new Ec2Error(
        'DuplicateSubnetsInSameZone',
        `Found another VPC endpoint subnet in the availability zone of ${s.subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    seen.set(s.availabilityZone, s.subnetId);
  }
  return subnets;
}

function checkGroups(ctx: HandlerContext, vpc: VpcRec, groupIds: string[], anySubnet?: string): void {
  for (const id of groupIds) {
    const group = ctx.region.group(id);
    if (group.vpcId !== vpc.vpcId) {
      throw new Ec2Error('InvalidParameter', `Security group ${id} and subnet ${anySubnet ?? '(none)'} belong to different networks.`);
    }
  }
}

/** Requested IPs per subnet (SubnetConfiguration.N.Ipv4), checked against the subnet. */
function requestedIps(ctx: HandlerContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const cfg of ctx.params.structs('SubnetConfiguration')) {
    const subnetId = cfg.required('SubnetId');
    const ip = cfg.get('Ipv4');
    if (!ip) continue;
    const subnet = ctx.region.subnet(subnetId);
    const value = parseIpv4(ip);
    if (value === undefined || !cidrContains(parseCidr(subnet.cidrBlock)!, value)) {
      throw new Ec2Error('InvalidParameterValue', `The IPv4 address ${ip} is not within the CIDR block ${subnet.cidrBlock} of ${subnetId}.`);
    }
    if (ctx.region.usedIps(subnetId).has(ip)) throw new Ec2Error('InvalidIPAddress.InUse', `The IPv4 address ${ip} is already in use.`);
    out.set(subnetId, ip);
  }
  return out;
}

function fingerprint(ctx: HandlerContext): string {
  return JSON.stringify(
    ctx.params
      .entries()
      .filter(([k]) => k !== 'DryRun')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export const createVpcEndpoint: Handler = (ctx) => {
  const { params, region } = ctx;
  const token = params.get('ClientToken');
  if (token && region.clientTokens.has(token)) {
    const existing = region.endpoints.get(region.clientTokens.get(token) as string);
    if (existing && existing.requestFingerprint === fingerprint(ctx)) {
      ctx.checkDryRun();
      return { vpcEndpoint: endpointShape(existing, region, ctx.accountId), clientToken: token };
    }
    throw new Ec2Error('IdempotentParameterMismatch', `Client token ${token} was already used with different parameters.`);
  }
  const vpc = region.vpc(params.required('VpcId'));
  const svc = service(ctx, params.required('ServiceName'));
  const type = params.get('VpcEndpointType') ?? 'Gateway';
  if (!['Interface', 'Gateway', 'GatewayLoadBalancer'].includes(type)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${type}) for parameter VpcEndpointType is invalid.`);
  }
  if (!svc.serviceTypes.includes(type)) {
    throw new Ec2Error('InvalidParameter', `Endpoint type (${type}) does not match available service types ([${svc.serviceTypes.join(', ')}]).`);
  }
  const interfaceType = type !== 'Gateway';
  const subnetIds = [...new Set([...params.list('SubnetId'), ...params.structs('SubnetConfiguration').map((c) => c.required('SubnetId'))])];
  if (!interfaceType && subnetIds.length) throw new Ec2Error('InvalidParameter', 'Subnets can only be specified for Interface and GatewayLoadBalancer endpoints.');
  const subnets = checkSubnets(ctx, vpc, svc, subnetIds);
  const ips = requestedIps(ctx);
  let groupIds = [...new Set(params.list('SecurityGroupId'))];
  checkGroups(ctx, vpc, groupIds, subnetIds[0]);
  if (interfaceType && groupIds.length === 0) {
    const fallback = region.defaultGroup(vpc.vpcId);
    groupIds = fallback ? [fallback.groupId] : [];
  }
  const explicitDns = params.bool('PrivateDnsEnabled');
  const privateDnsEnabled = type === 'Interface' && (explicitDns ?? !!svc.privateDnsName);
  if (explicitDns && type !== 'Interface') throw new Ec2Error('InvalidParameter', 'Private DNS can only be enabled for Interface endpoints.');
  if (privateDnsEnabled) checkPrivateDns(ctx, vpc, svc);
  const ipAddressType = params.get('IpAddressType') ?? 'ipv4';
  if (ipAddressType !== 'ipv4') throw new Ec2Error('InvalidParameter', `The VPC endpoint service ${svc.serviceName} does not support the IP address type ${ipAddressType}.`);
  const dnsRecordIpType = params.get('DnsOptions.DnsRecordIpType') ?? 'ipv4';
  if (!['ipv4', 'service-defined'].includes(dnsRecordIpType)) {
    throw new Ec2Error('InvalidParameter', `DNS record IP type ${dnsRecordIpType} is not supported for IP address type ipv4.`);
  }
  const tags = params.tagSpecifications('vpc-endpoint');
  ctx.checkDryRun();

  const endpoint: EndpointRec = {
    vpcEndpointId: randomId('vpce'),
    vpcEndpointType: type,
    vpcId: vpc.vpcId,
    serviceName: svc.serviceName,
    state: 'pending',
    policyDocument: params.get('PolicyDocument') ?? (svc.owner === 'amazon' ? defaultPolicy() : undefined),
    subnetIds: subnets.map((s) => s.subnetId),
    groupIds,
    privateDnsEnabled,
    ipAddressType,
    dnsRecordIpType,
    eniBySubnet: new Map(),
    creationTimestamp: ctx.now(),
    clientToken: token,
    requestFingerprint: token ? fingerprint(ctx) : undefined,
    tags,
  };
  for (const subnet of subnets) {
    const eni = createEndpointEni(region, endpoint, subnet);
    const wanted = ips.get(subnet.subnetId);
    if (wanted) eni.privateIpAddress = wanted;
  }
  region.endpoints.set(endpoint.vpcEndpointId, endpoint);
  if (token) region.clientTokens.set(token, endpoint.vpcEndpointId);
  if (interfaceType) {
    ctx.endpoints.begin(region, endpoint, ctx.faults.takeEndpointOutcome(), svc.acceptanceRequired);
  } else {
    endpoint.state = 'available';
  }
  return { vpcEndpoint: endpointShape(endpoint, region, ctx.accountId), clientToken: token };
};

function defaultPolicy(): string {
  return JSON.stringify({ Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }] });
}

const NOT_MODIFIABLE = new Set(['deleting', 'deleted', 'failed', 'rejected', 'expired']);

export const modifyVpcEndpoint: Handler = (ctx) => {
  const { params, region } = ctx;
  const endpoint = region.endpoint(params.required('VpcEndpointId'));
  if (NOT_MODIFIABLE.has(endpoint.state)) {
    throw new Ec2Error('IncorrectState', `The VPC endpoint ${endpoint.vpcEndpointId} is in state ${endpoint.state} and cannot be modified.`);
  }
  const vpc = region.vpc(endpoint.vpcId);
  const svc = service(ctx, endpoint.serviceName);
  const remove = params.list('RemoveSubnetId');
  for (const id of remove) if (!endpoint.subnetIds.includes(id)) region.subnet(id);
  const add = params.list('AddSubnetId').filter((id) => !endpoint.subnetIds.includes(id));
  const subnetIds = [...endpoint.subnetIds.filter((id) => !remove.includes(id)), ...add];
  const subnets = checkSubnets(ctx, vpc, svc, subnetIds);
  const addGroups = params.list('AddSecurityGroupId');
  const removeGroups = params.list('RemoveSecurityGroupId');
  checkGroups(ctx, vpc, [...addGroups, ...removeGroups], subnetIds[0]);
  const groupIds = [...new Set([...endpoint.groupIds.filter((g) => !removeGroups.includes(g)), ...addGroups])];
  const dns = params.bool('PrivateDnsEnabled');
  if (dns === true && !endpoint.privateDnsEnabled) checkPrivateDns(ctx, vpc, svc, endpoint);
  const resetPolicy = params.bool('ResetPolicy');
  const policy = params.get('PolicyDocument');
  ctx.checkDryRun();

  for (const id of remove) {
    const eniId = endpoint.eniBySubnet.get(id);
    if (eniId) region.enis.delete(eniId);
    endpoint.eniBySubnet.delete(id);
  }
  endpoint.subnetIds = subnetIds;
  endpoint.groupIds = groupIds;
  for (const subnet of subnets) if (!endpoint.eniBySubnet.has(subnet.subnetId)) createEndpointEni(region, endpoint, subnet);
  for (const eniId of endpoint.eniBySubnet.values()) {
    const eni = region.enis.get(eniId);
    if (eni) eni.groupIds = [...groupIds];
  }
  if (dns !== undefined) endpoint.privateDnsEnabled = dns;
  if (resetPolicy) endpoint.policyDocument = svc.owner === 'amazon' ? defaultPolicy() : undefined;
  else if (policy !== undefined) endpoint.policyDocument = policy;
  return { return: true };
};

export const describeVpcEndpoints: Handler = (ctx) => {
  const region = ctx.region;
  const ids = [...new Set(ctx.params.list('VpcEndpointId'))];
  // Eventual consistency (fault): a just-created endpoint named by id is not found for a moment.
  const missing = ids.filter((id) => {
    const endpoint = region.endpoints.get(id);
    return !endpoint || ctx.faults.hidesNewEndpoint(ctx.now() - endpoint.creationTimestamp);
  });
  if (missing.length) {
    throw new Ec2Error('InvalidVpcEndpointId.NotFound', `The VpcEndpoint Id${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`);
  }
  const selected = ids.length ? ids.map((id) => region.endpoint(id)) : [...region.endpoints.values()];
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'vpc-id': (e) => e.vpcId,
      'vpc-endpoint-id': (e) => e.vpcEndpointId,
      'service-name': (e) => e.serviceName,
      'vpc-endpoint-state': (e) => e.state,
      'vpc-endpoint-type': (e) => e.vpcEndpointType,
      'ip-address-type': (e) => e.ipAddressType,
      'service-region': () => region.name,
    },
    (e) => e.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 1, max: 1000, clampAt: 1000 });
  return { vpcEndpointSet: page.items.map((e) => endpointShape(e, region, ctx.accountId)), nextToken: page.nextToken };
};

export const deleteVpcEndpoints: Handler = (ctx) => {
  const ids = [...new Set(ctx.params.list('VpcEndpointId'))];
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter VpcEndpointId');
  ctx.checkDryRun();
  const unsuccessful = [];
  for (const id of ids) {
    const endpoint = ctx.region.endpoints.get(id);
    if (!endpoint || endpoint.state === 'deleted') {
      unsuccessful.push({ error: { code: 'InvalidVpcEndpoint.NotFound', message: `The VPC Endpoint Id '${id}' does not exist` }, resourceId: id });
      continue;
    }
    if (endpoint.state !== 'deleting') ctx.endpoints.delete(ctx.region, endpoint);
  }
  return { unsuccessful };
};
