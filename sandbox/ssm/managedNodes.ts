// Systems Manager's view of the seeded instances: an instance with an `ssm` record and in the
// running state is a managed node (stopped ones are omitted, as SSM omits them), and
// DescribeInstanceInformation answers with its fields and filters.
import type { SandboxInstance } from '../ec2/types';
import { epochSeconds, Json, page, SsmError } from './jsonProtocol';

export const LATEST_AGENT_VERSION = '3.3.1142.0';

export interface ManagedNodeSource {
  instances(region?: string): SandboxInstance[];
}

export function managedNodes(source: ManagedNodeSource, region: string): SandboxInstance[] {
  return source.instances(region).filter((i) => i.ssm && i.state === 'running');
}

export function managedNode(source: ManagedNodeSource, region: string, instanceId: string): SandboxInstance | undefined {
  return managedNodes(source, region).find((i) => i.instanceId === instanceId);
}

const FILTER_KEYS: Record<string, (i: SandboxInstance) => string | undefined> = {
  InstanceIds: (i) => i.instanceId,
  PingStatus: (i) => i.ssm?.pingStatus,
  PlatformType: (i) => i.platform,
  ResourceType: () => 'EC2Instance',
  AgentVersion: (i) => i.ssm?.agentVersion,
};

interface NodeFilter { key: string; values: string[] }

function filtersOf(json: Json): NodeFilter[] {
  const modern = json.Filters;
  const legacy = json.InstanceInformationFilterList;
  if (modern !== undefined && legacy !== undefined) {
    throw new SsmError('InvalidInstanceInformationFilterValue', 'InstanceInformationFilterList and Filters cannot be used together.');
  }
  const raw = (modern ?? legacy ?? []) as unknown;
  if (!Array.isArray(raw)) throw new SsmError('SerializationException', 'Filters must be a list.');
  return raw.map((f: Record<string, unknown>) => {
    const key = (modern !== undefined ? f.Key : f.key) as unknown;
    const values = (modern !== undefined ? f.Values : f.valueSet) as unknown;
    if (typeof key !== 'string' || !(key in FILTER_KEYS)) throw new SsmError('InvalidFilterKey', `The filter key ${String(key)} is not valid. Valid keys: ${Object.keys(FILTER_KEYS).join(', ')}.`);
    if (!Array.isArray(values) || values.length === 0 || values.length > 100 || values.some((v) => typeof v !== 'string')) {
      throw new SsmError('InvalidInstanceInformationFilterValue', `The filter ${key} needs 1 to 100 string values.`);
    }
    return { key, values: values as string[] };
  });
}

export function describeInstanceInformation(source: ManagedNodeSource, region: string, json: Json, now: number): Json {
  const filters = filtersOf(json);
  const nodes = managedNodes(source, region).filter((node) => filters.every((f) => f.values.includes(FILTER_KEYS[f.key](node) ?? '')));
  const { items, NextToken } = page(nodes, 'DescribeInstanceInformation', json, { min: 5, max: 50, default: 10 });
  return { InstanceInformationList: items.map((node) => nodeInformation(node, now)), ...(NextToken ? { NextToken } : {}) };
}

function nodeInformation(node: SandboxInstance, now: number): Json {
  const ssm = node.ssm!;
  const agentVersion = ssm.agentVersion ?? LATEST_AGENT_VERSION;
  return {
    InstanceId: node.instanceId,
    PingStatus: ssm.pingStatus,
    // A lost connection was last heard from a while ago.
    LastPingDateTime: epochSeconds(ssm.pingStatus === 'Online' ? now - 30_000 : now - 6 * 3600_000),
    AgentVersion: agentVersion,
    IsLatestVersion: agentVersion === LATEST_AGENT_VERSION,
    PlatformType: node.platform,
    PlatformName: ssm.platformName ?? (node.platform === 'Windows' ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux'),
    PlatformVersion: ssm.platformVersion ?? '',
    ResourceType: 'EC2Instance',
    IPAddress: node.privateIpAddress,
    ComputerName: `ip-${node.privateIpAddress.replace(/\./g, '-')}.ec2.internal`,
    IamRole: 'SSMInstanceProfile',
    AssociationStatus: 'Success',
    SourceId: node.instanceId,
    SourceType: 'AWS::EC2::Instance',
  };
}
