// The interface endpoints that serve a Private Service Name: from the AWS tree's last load when it
// has them, else one filtered DescribeVpcEndpoints in the service's region with the chosen profile.
// Shared by Diagnose (which endpoint does this branch use?) and the language model tools.
import type { InterfaceEndpoint } from '../aws/types';
import type { ExtensionServices } from '../services/extensionServices';
import { UserFacingError } from '../errors/userFacingError';
import { Commands } from './commandIds';

export interface ServingEndpoint {
  region: string;
  endpoint: InterfaceEndpoint;
  profile: string;
}

/** Endpoints that are not going away (deleted/deleting ones serve nothing). */
export const isUsableEndpoint = (e: InterfaceEndpoint): boolean => e.state !== 'deleted' && e.state !== 'deleting';

export async function endpointsServing(
  services: ExtensionServices,
  fromTree: (serviceName: string) => ServingEndpoint[],
  serviceName: string,
  region: string,
  options: { profile?: string; fresh?: boolean } = {},
): Promise<ServingEndpoint[]> {
  const loaded = options.fresh ? [] : fromTree(serviceName).filter((c) => (!region || c.region === region) && (!options.profile || c.profile === options.profile) && isUsableEndpoint(c.endpoint));
  if (loaded.length || !region) return loaded;
  const aws = services.aws;
  const profile = options.profile ?? aws.chosenProfile(await aws.listProfiles());
  if (!profile) throw new UserFacingError('Choose an AWS profile first.', [{ label: 'Choose AWS Profile', command: Commands.selectAwsProfile }]);
  const core = services.core.get();
  const endpoints = await core.listInterfaceEndpoints(aws.clients(profile, region).ec2, { filters: [{ Name: 'service-name', Values: [serviceName] }] });
  return endpoints.filter(isUsableEndpoint).map((endpoint) => ({ region, endpoint, profile }));
}
