// Check 1: is the endpoint `available`, and if not, what its state means and what to do.

import type { InterfaceEndpoint } from '../aws/types';
import type { DiagnoseCheck } from './diagnoseTypes';
import { adviceFor, ec2Cli, type CliContext } from './fixCommands';

const TITLE = 'Endpoint state';

export function checkEndpointState(endpoint: InterfaceEndpoint | undefined, endpointId: string, cli: CliContext): DiagnoseCheck {
  if (!endpoint) {
    return {
      id: 'endpointState',
      title: TITLE,
      status: 'fail',
      summary: `EC2 does not know endpoint ${endpointId} in ${cli.region}: it was deleted, or it lives in another region or account.`,
      evidence: [`DescribeVpcEndpoints (filter vpc-endpoint-id=${endpointId}) in ${cli.region}: no result`],
      fix: adviceFor(
        'Pick the endpoint again from the AWS view (check the profile and region), or create a new one with Create PrivateLink endpoint.',
        describeCommand(cli, endpointId),
      ),
    };
  }
  const evidence = [
    `${endpoint.id}${endpoint.name ? ` (${endpoint.name})` : ''}: state ${endpoint.rawState ?? endpoint.state}`,
    `service ${endpoint.serviceName}, VPC ${endpoint.vpcId}, subnets ${endpoint.subnetIds.join(', ') || 'none'}`,
  ];
  if (endpoint.lastError?.code || endpoint.lastError?.message) {
    evidence.push(`last error: ${[endpoint.lastError.code, endpoint.lastError.message].filter(Boolean).join(': ')}`);
  }
  const result = (status: DiagnoseCheck['status'], summary: string, fix?: DiagnoseCheck['fix']): DiagnoseCheck => ({
    id: 'endpointState',
    title: TITLE,
    status,
    summary,
    evidence,
    ...(fix ? { fix } : {}),
  });
  const recreate = adviceFor(
    `Delete endpoint ${endpoint.id} and create a new one with Create PrivateLink endpoint (it picks subnets in the service's zones and checks private DNS first).`,
    deleteCommand(cli, endpoint.id),
  );
  const contactPlanetScale = adviceFor(
    `Contact PlanetScale support with the endpoint id ${endpoint.id} and the report of this diagnosis; the connection must be accepted on their side.`,
    describeCommand(cli, endpoint.id),
  );
  switch (endpoint.state) {
    case 'available':
      return result('pass', 'The endpoint is available.');
    case 'pending':
      return result('warn', 'The endpoint is still being created (pending); this usually takes one to several minutes. Run Diagnose again when it is available.');
    case 'pendingAcceptance':
      return result(
        'fail',
        'The endpoint waits for the service owner (PlanetScale) to accept the connection (pendingAcceptance); no traffic flows until then.',
        contactPlanetScale,
      );
    case 'rejected':
      return result('fail', 'The service owner (PlanetScale) rejected the connection request (rejected); the endpoint carries no traffic.', contactPlanetScale);
    case 'expired':
      return result('fail', 'The connection request expired before it was accepted (expired); the endpoint carries no traffic.', recreate);
    case 'failed':
      return result(
        'fail',
        'AWS could not create the endpoint (failed). Common causes: a subnet in a zone the service does not offer, or a private DNS name already used by another endpoint in the VPC.',
        recreate,
      );
    case 'partial':
      return result('fail', 'Only some of the endpoint\'s network interfaces were created (partial); clients in the other zones cannot connect.', recreate);
    case 'deleting':
    case 'deleted':
      return result('fail', `The endpoint is ${endpoint.state}.`, adviceFor('Create a new endpoint with Create PrivateLink endpoint.', describeCommand(cli, endpoint.id)));
    default:
      return result('warn', `The endpoint reports an unexpected state (${endpoint.rawState ?? 'unknown'}).`);
  }
}

function describeCommand(cli: CliContext, endpointId: string): string {
  return ec2Cli(cli, 'describe-vpc-endpoints', ['--vpc-endpoint-ids', endpointId]);
}

function deleteCommand(cli: CliContext, endpointId: string): string {
  return ec2Cli(cli, 'delete-vpc-endpoints', ['--vpc-endpoint-ids', endpointId]);
}
