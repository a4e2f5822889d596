// Interface endpoints, their service and their network interfaces.
import {
  DescribeVpcEndpointServicesCommand,
  paginateDescribeNetworkInterfaces,
  paginateDescribeVpcEndpoints,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { EndpointServiceNotFoundError } from './awsErrors';
import { compareEndpoints, toEndpointServiceDetails, toInterfaceEndpoint, toNetworkInterfaceSummary } from './ec2Normalize';
import { batches, collectPages, sendOptions, throwIfAborted, unique } from './queryHelpers';
import type { EndpointServiceDetails, InterfaceEndpoint, NetworkInterfaceSummary, QueryOptions } from './types';

const DEFAULT_PAGE_SIZE = 1000;
/** EC2 accepts at most 200 values per filter. */
const IDS_PER_FILTER = 100;

const INTERFACE_ONLY: Filter = { Name: 'vpc-endpoint-type', Values: ['Interface'] };

async function describeInterfaceEndpoints(ec2: EC2Client, filters: Filter[], options: QueryOptions): Promise<InterfaceEndpoint[]> {
  const raw = await collectPages(
    paginateDescribeVpcEndpoints(
      { client: ec2, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
      { Filters: [INTERFACE_ONLY, ...filters] },
      sendOptions(options.signal),
    ),
    (page) => page.VpcEndpoints,
    options.signal,
  );
  // The filter already does this server-side; the check guards against a server that ignores it.
  return raw.filter((e) => (e.VpcEndpointType ?? 'Interface').toLowerCase() === 'interface').map(toInterfaceEndpoint);
}

/**
 * Every interface endpoint of the client's region in ONE paginated DescribeVpcEndpoints; group
 * them by `vpcId` yourself (see explorerModel). Optional extra filters (e.g. service-name).
 */
export async function listInterfaceEndpoints(ec2: EC2Client, options: QueryOptions & { filters?: Filter[] } = {}): Promise<InterfaceEndpoint[]> {
  const endpoints = await describeInterfaceEndpoints(ec2, options.filters ?? [], options);
  return endpoints.sort(compareEndpoints);
}

export interface DescribedEndpoints {
  /** Found endpoints by id (deleted ones stay visible with state `deleted` for a while). */
  found: Map<string, InterfaceEndpoint>;
  /** Ids EC2 no longer knows at all. */
  missingIds: string[];
}

/**
 * Looks up endpoints by id (for the status bar). Uses the `vpc-endpoint-id` filter rather than
 * `VpcEndpointIds`, which fails the whole call when one id is gone.
 */
export async function describeEndpoints(ec2: EC2Client, ids: readonly string[], options: QueryOptions = {}): Promise<DescribedEndpoints> {
  const wanted = unique(ids);
  const found = new Map<string, InterfaceEndpoint>();
  for (const batch of batches(wanted, IDS_PER_FILTER)) {
    for (const endpoint of await describeInterfaceEndpoints(ec2, [{ Name: 'vpc-endpoint-id', Values: batch }], options)) {
      found.set(endpoint.id, endpoint);
    }
  }
  return { found, missingIds: wanted.filter((id) => !found.has(id)) };
}

/**
 * The endpoint service behind a Private Service Name: AZs offered, private DNS name, acceptance.
 * Throws EndpointServiceNotFoundError when the name is unknown in the region.
 */
export async function describeEndpointService(ec2: EC2Client, serviceName: string, options: QueryOptions & { region?: string } = {}): Promise<EndpointServiceDetails> {
  throwIfAborted(options.signal);
  let details;
  try {
    const out = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }), sendOptions(options.signal));
    details = out.ServiceDetails?.find((s) => s.ServiceName === serviceName);
  } catch (err) {
    if ((err as { name?: string }).name === 'InvalidServiceName' || (err as { Code?: string }).Code === 'InvalidServiceName') {
      throw new EndpointServiceNotFoundError(serviceName, options.region ?? (await regionOf(ec2)));
    }
    throw err;
  }
  if (!details) throw new EndpointServiceNotFoundError(serviceName, options.region ?? (await regionOf(ec2)));
  return toEndpointServiceDetails(details);
}

async function regionOf(ec2: EC2Client): Promise<string | undefined> {
  try {
    return await ec2.config.region();
  } catch {
    return undefined;
  }
}

/**
 * Network interfaces by id (an endpoint's `networkInterfaceIds`): the private IPs per subnet that
 * the private DNS name should resolve to. Filter-based, so vanished interfaces are just absent.
 */
export async function describeNetworkInterfaces(ec2: EC2Client, ids: readonly string[], options: QueryOptions = {}): Promise<NetworkInterfaceSummary[]> {
  const result: NetworkInterfaceSummary[] = [];
  for (const batch of batches(unique(ids), IDS_PER_FILTER)) {
    const page = await collectPages(
      paginateDescribeNetworkInterfaces(
        { client: ec2, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
        { Filters: [{ Name: 'network-interface-id', Values: batch }] },
        sendOptions(options.signal),
      ),
      (p) => p.NetworkInterfaces,
      options.signal,
    );
    result.push(...page.map(toNetworkInterfaceSummary));
  }
  return result;
}
