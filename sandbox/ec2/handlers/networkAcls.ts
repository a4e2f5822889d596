// Network ACLs: describe, and create/replace/delete entries.
import type { Handler, HandlerContext } from '../context';
import { ALL_TRAFFIC_DENY_RULE } from '../factory';
import { applyFilters } from '../filters';
import type { NaclEntryRec } from '../model';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { normalizeNaclProtocol, validateIpv4Cidr, validatePortRange } from '../ruleParsing';
import { networkAclShape } from '../shapes';
import { isIpv6Cidr } from '../cidr';
import { selectByIds } from './common';

export const describeNetworkAcls: Handler = (ctx) => {
  const selected = selectByIds(ctx.region.networkAcls, ctx.params.list('NetworkAclId'), (id) => new Ec2Error('InvalidNetworkAclID.NotFound', `The network ACL '${id}' does not exist`));
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'network-acl-id': (a) => a.networkAclId,
      'vpc-id': (a) => a.vpcId,
      default: (a) => a.isDefault,
      'owner-id': () => ctx.accountId,
      'association.subnet-id': (a) => [...a.associations.keys()],
      'association.association-id': (a) => [...a.associations.values()],
      'association.network-acl-id': (a) => (a.associations.size ? a.networkAclId : undefined),
      'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
      'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
      'entry.egress': (a) => a.entries.map((e) => e.egress),
      'entry.protocol': (a) => a.entries.map((e) => e.protocol),
      'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
      'entry.ipv6-cidr': (a) => a.entries.map((e) => e.ipv6CidrBlock),
      'entry.port-range.from': (a) => a.entries.map((e) => e.portRange?.from),
      'entry.port-range.to': (a) => a.entries.map((e) => e.portRange?.to),
      'entry.icmp.code': (a) => a.entries.map((e) => e.icmpTypeCode?.code),
      'entry.icmp.type': (a) => a.entries.map((e) => e.icmpTypeCode?.type),
    },
    (a) => a.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 100 });
  return { networkAclSet: page.items.map((a) => networkAclShape(a, ctx.accountId)), nextToken: page.nextToken };
};

function ruleNumber(ctx: HandlerContext): number {
  const n = ctx.params.int('RuleNumber');
  if (n === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter ruleNumber');
  if (n < 1 || n > 32766) throw new Ec2Error('InvalidParameterValue', `Value (${n}) for parameter ruleNumber is invalid. Rule number must be between 1 and 32766.`);
  return n;
}

function egressOf(ctx: HandlerContext): boolean {
  const egress = ctx.params.bool('Egress');
  if (egress === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter egress');
  return egress;
}

function parseEntry(ctx: HandlerContext): NaclEntryRec {
  const protocol = normalizeNaclProtocol(ctx.params.get('Protocol'));
  const ruleAction = ctx.params.required('RuleAction').toLowerCase();
  if (ruleAction !== 'allow' && ruleAction !== 'deny') throw new Ec2Error('InvalidParameterValue', `Value (${ruleAction}) for parameter ruleAction is invalid. Expected allow or deny.`);
  const cidr = ctx.params.get('CidrBlock');
  const ipv6 = ctx.params.get('Ipv6CidrBlock');
  if (!cidr && !ipv6) throw new Ec2Error('MissingParameter', 'The request must contain the parameter cidrBlock or ipv6CidrBlock');
  if (ipv6 && !isIpv6Cidr(ipv6)) throw new Ec2Error('InvalidParameterValue', `Value (${ipv6}) for parameter ipv6CidrBlock is invalid.`);
  const entry: NaclEntryRec = {
    ruleNumber: ruleNumber(ctx),
    egress: egressOf(ctx),
    protocol,
    ruleAction,
    cidrBlock: cidr ? validateIpv4Cidr(cidr, 'cidrBlock') : undefined,
    ipv6CidrBlock: ipv6,
  };
  if (protocol === '6' || protocol === '17') {
    const from = ctx.params.int('PortRange.From');
    const to = ctx.params.int('PortRange.To');
    validatePortRange(protocol === '6' ? 'tcp' : 'udp', from, to);
    entry.portRange = { from: from as number, to: to as number };
  } else if (protocol === '1' || protocol === '58') {
    const type = ctx.params.int('Icmp.Type');
    const code = ctx.params.int('Icmp.Code');
    if (type === undefined || code === undefined) throw new Ec2Error('InvalidParameterValue', 'ICMP type and code must be given for protocol icmp (use -1 for all).');
    entry.icmpTypeCode = { type, code };
  }
  return entry;
}

function findEntry(entries: NaclEntryRec[], ruleNumber: number, egress: boolean): number {
  return entries.findIndex((e) => e.ruleNumber === ruleNumber && e.egress === egress);
}

export const createNetworkAclEntry: Handler = (ctx) => {
  const acl = ctx.region.networkAcl(ctx.params.required('NetworkAclId'));
  const entry = parseEntry(ctx);
  if (findEntry(acl.entries, entry.ruleNumber, entry.egress) >= 0) {
    throw new Ec2Error('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  }
  ctx.checkDryRun();
  acl.entries.push(entry);
  return { return: true };
};

export const replaceNetworkAclEntry: Handler = (ctx) => {
  const acl = ctx.region.networkAcl(ctx.params.required('NetworkAclId'));
  const entry = parseEntry(ctx);
  const index = findEntry(acl.entries, entry.ruleNumber, entry.egress);
  if (index < 0) throw new Ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${entry.ruleNumber} does not exist.`);
  ctx.checkDryRun();
  acl.entries[index] = entry;
  return { return: true };
};

export const deleteNetworkAclEntry: Handler = (ctx) => {
  const acl = ctx.region.networkAcl(ctx.params.required('NetworkAclId'));
  const number = ctx.params.int('RuleNumber');
  if (number === ALL_TRAFFIC_DENY_RULE) throw new Ec2Error('InvalidParameterValue', 'The default rule (*) of a network ACL cannot be deleted.');
  const n = ruleNumber(ctx);
  const index = findEntry(acl.entries, n, egressOf(ctx));
  if (index < 0) throw new Ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${n} does not exist.`);
  ctx.checkDryRun();
  acl.entries.splice(index, 1);
  return { return: true };
};
