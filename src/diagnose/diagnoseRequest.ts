// What one diagnosis is asked to do, what it runs on (the collaborators), and the check of the
// request's ids and CIDRs before anything is read, so a typo gets a message naming the field.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { cidrProblem } from './cidr';
import type { ProbeOutcome } from './connectivityCheck';
import type { ClientLocationInput, DiagnoseCheck, DiagnoseVantage } from './diagnoseTypes';
import type { InstanceProbe } from './instanceVantage';
import { InputError } from '../errors/userFacingError';

/** One connection attempt: to `ip:port`, verifying TLS against `servername`, logging in when credentials are given. */
export interface ProbeTarget {
  ip: string;
  port: number;
  servername?: string;
  credentials?: { username: string; password: string; database?: string };
}

export interface DiagnoseCollaborators {
  ec2: EC2Client;
  /** A records of a host name through the configured resolver (the DNS server setting). */
  resolveHost(host: string, signal?: AbortSignal): Promise<string[]>;
  /** Which resolver `resolveHost` asks, for the evidence (e.g. `127.0.0.1:5353`). */
  resolverLabel: string;
  probe(target: ProbeTarget, signal?: AbortSignal): Promise<ProbeOutcome>;
  /** Runs the probe on the request's vantage instance (Systems Manager); needed when `vantage` is set. */
  probeFromInstance?: InstanceProbe;
}

export interface DiagnoseRequest {
  region: string;
  endpointId: string;
  client: ClientLocationInput;
  /** Measure DNS and connections on this instance (and evaluate the rules for it: `client` is then the instance's). */
  vantage?: DiagnoseVantage;
  /** The branch's Private Host; without it checks 5 and the TLS name check are skipped. */
  privateHost?: string;
  credentials?: { username: string; password: string; database?: string };
  /** Only when the user agreed to AWS's per-analysis charge. */
  reachability?: { sourceId?: string; timeoutMs?: number; pollMs?: number };
  /** For the CLI commands of fixes: the user's profile and endpoint override, when set. */
  profile?: string;
  endpointUrl?: string;
  signal?: AbortSignal;
  /** Called as each check completes, for streaming results to the UI. */
  onCheck?(check: DiagnoseCheck): void;
}

export class DiagnoseInputError extends InputError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'DiagnoseInputError';
  }
}

export function validateDiagnoseRequest(request: DiagnoseRequest): void {
  if (!/^vpce-[0-9a-f]+$/.test(request.endpointId)) {
    throw new DiagnoseInputError('endpointId', `endpointId: "${request.endpointId}" is not a VPC endpoint id; it looks like vpce-0123456789abcdef0.`);
  }
  if (!request.region.trim()) {
    throw new DiagnoseInputError('region', 'region: choose the region of the endpoint, e.g. us-east-1.');
  }
  for (const cidr of request.client.cidrs ?? []) {
    const problem = cidrProblem('client CIDR', cidr);
    if (problem) throw new DiagnoseInputError('client CIDR', problem);
  }
  for (const id of request.client.securityGroupIds ?? []) {
    if (!/^sg-[0-9a-f]+$/.test(id)) throw new DiagnoseInputError('client security group', `client security group: "${id}" is not a security group id; it looks like sg-0123456789abcdef0.`);
  }
  if (request.vantage && !/^i-[0-9a-f]+$/.test(request.vantage.instanceId)) {
    throw new DiagnoseInputError('vantage instance', `vantage instance: "${request.vantage.instanceId}" is not an instance id; it looks like i-0123456789abcdef0.`);
  }
  for (const id of request.client.subnetIds ?? []) {
    if (!/^subnet-[0-9a-f]+$/.test(id)) throw new DiagnoseInputError('client subnet', `client subnet: "${id}" is not a subnet id; it looks like subnet-0123456789abcdef0.`);
  }
}
