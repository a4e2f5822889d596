// Verification of the private path from an instance inside the endpoint's VPC: the endpoint's
// interface IPs (EC2), the probe through Run Command (SSM), and the verdict. It proves DNS, TCP
// and TLS from there — never the login, which needs the credentials and is proven separately.
// Runtime SDK imports: reach this module only through coreEntry.ts.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describeEndpoints, describeNetworkInterfaces } from '../endpointQueries';
import type { InterfaceEndpoint } from '../types';
import { buildProbeScript } from './probeScript';
import { judgeProbe, type ProbeReport, type ProbeVerdict } from './probeResult';
import { runProbe, type ProbeRunOptions } from './ssmProbeRunner';
import { SsmProbeError } from '../ssmErrors';

export interface InstanceVerificationRequest {
  endpointId: string;
  privateHost: string;
  instanceId: string;
  ports?: number[];
  region?: string;
  signal?: AbortSignal;
  /** Run Command settings (timeouts, poll delays, status callback). */
  run?: Omit<ProbeRunOptions, 'instanceId' | 'script' | 'signal' | 'region'>;
}

export interface InstanceVerification {
  instanceId: string;
  endpointId: string;
  vpcId: string;
  privateHost: string;
  interfaceIps: string[];
  /** When the probe's result came back. */
  at: Date;
  commandId: string;
  report: ProbeReport;
  verdict: ProbeVerdict;
  /** EC2 + SSM calls this verification made. */
  calls: number;
  elapsedMs: number;
}

/** The endpoint and its interface IPs (what the private host must resolve to). */
export async function endpointInterfaceIps(ec2: EC2Client, endpointId: string, signal?: AbortSignal): Promise<{ endpoint: InterfaceEndpoint; ips: string[] }> {
  const { found } = await describeEndpoints(ec2, [endpointId], { signal });
  const endpoint = found.get(endpointId);
  if (!endpoint || endpoint.state === 'deleted') throw new SsmProbeError('other', `The endpoint ${endpointId} no longer exists; pick the branch's current endpoint.`);
  if (endpoint.state !== 'available') throw new SsmProbeError('other', `The endpoint ${endpointId} is ${endpoint.state}, not available: wait until it is available, then verify.`);
  const interfaces = await describeNetworkInterfaces(ec2, endpoint.networkInterfaceIds, { signal });
  const ips = interfaces.map((i) => i.privateIpAddress).filter((ip): ip is string => !!ip).sort();
  return { endpoint, ips };
}

export async function verifyFromInstance(clients: { ec2: EC2Client; ssm: SSMClient }, request: InstanceVerificationRequest): Promise<InstanceVerification> {
  const ports = request.ports ?? [5432, 6432];
  const { endpoint, ips } = await endpointInterfaceIps(clients.ec2, request.endpointId, request.signal);
  const script = buildProbeScript({ privateHost: request.privateHost, interfaceIps: ips, ports });
  const run = await runProbe(clients.ssm, { ...request.run, instanceId: request.instanceId, script, signal: request.signal, region: request.region });
  return {
    instanceId: request.instanceId,
    endpointId: request.endpointId,
    vpcId: endpoint.vpcId,
    privateHost: request.privateHost,
    interfaceIps: ips,
    at: new Date(),
    commandId: run.commandId,
    report: run.report,
    verdict: judgeProbe(run.report, request.instanceId),
    calls: run.calls + 2,
    elapsedMs: run.elapsedMs,
  };
}
