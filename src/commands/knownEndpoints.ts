import type { InterfaceEndpoint } from '../aws/types';
import type { KnownEndpoint } from '../connection/verifyTypes';
import type { ExtensionServices } from '../services/extensionServices';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';

/**
 * Every interface endpoint the AWS view has loaded (all services, all regions), with the interface
 * IPs of the available ones: the verification needs them to tell whether the DNS answers belong
 * to an endpoint of the branch's own service. Loads the view first when it has not loaded yet.
 */
export async function knownEndpoints(services: ExtensionServices, awsTree: AwsTreeProvider): Promise<KnownEndpoint[]> {
  if (!awsTree.lastLoad) await Promise.resolve(awsTree.getChildren()).catch(() => undefined);
  const load = awsTree.lastLoad;
  if (!load) return [];
  const known: KnownEndpoint[] = [];
  for (const region of load.regions) {
    if (!region.ok) continue;
    const endpoints = [...region.contents.vpcs.flatMap((v) => v.endpoints), ...region.contents.orphanEndpoints];
    const ips = await interfaceIps(services, load.profile, region.region, endpoints.filter((e) => e.state === 'available'));
    for (const e of endpoints) {
      known.push({
        id: e.id, serviceName: e.serviceName, state: e.state, location: `${region.region}, ${e.vpcId}`,
        ips: e.networkInterfaceIds.flatMap((id) => ips.get(id) ?? []),
      });
    }
  }
  return known;
}

/** Network interface id → its private IPs, for the endpoints of one region. */
async function interfaceIps(services: ExtensionServices, profile: string, region: string, endpoints: InterfaceEndpoint[]): Promise<Map<string, string[]>> {
  const ids = endpoints.flatMap((e) => e.networkInterfaceIds);
  if (!ids.length) return new Map();
  try {
    const { ec2 } = services.aws.clients(profile, region);
    const enis = await services.core.get().describeNetworkInterfaces(ec2, ids);
    return new Map(enis.map((eni) => [eni.id, eni.privateIpAddresses.length ? eni.privateIpAddresses : eni.privateIpAddress ? [eni.privateIpAddress] : []]));
  } catch (err) {
    // Without the IPs the DNS check cannot match these endpoints: it then fails and says so.
    services.log.warn(`Could not read the interface IPs of the endpoints in ${region}: ${services.redact(String(err))}`);
    return new Map();
  }
}
