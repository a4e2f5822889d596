// Runs the troubleshooting list of PlanetScale's AWS PrivateLink guide as checks, in order:
// endpoint state, VPC DNS, security groups, NACLs, DNS answers, connections, and (opt-in)
// Reachability Analyzer. Reads AWS through the shared EC2 queries; DNS and connections go through injected collaborators so the same
// runner works against AWS, the sandbox and in tests. Runtime SDK import: reach through coreEntry.

import { classifyAwsError } from '../aws/awsErrors';
import {
  describeDhcpOptions,
  describeEndpoints,
  describeNetworkAcls,
  describeNetworkInterfaces,
  describeSecurityGroups,
  getVpcDnsAttributes,
  listSubnets,
  listVpcs,
} from '../aws/ec2Queries';
import type { DhcpOptionsSummary, InterfaceEndpoint, NetworkAcl, NetworkInterfaceSummary, SecurityGroupSummary, SubnetSummary } from '../aws/types';
import { clientPlacement } from './clientPlacement';
import { checkConnectivity } from './connectivityCheck';
import { validateDiagnoseRequest, type DiagnoseCollaborators, type DiagnoseRequest } from './diagnoseRequest';
import { POSTGRES_PORTS, type CheckId, type DiagnoseCheck, type DiagnoseResult } from './diagnoseTypes';
import { checkDnsAnswers } from './dnsAnswersCheck';
import { checkEndpointState } from './endpointStateCheck';
import { instanceChecks, measureOnInstance } from './instanceVantage';
import type { CliContext } from './fixCommands';
import { checkNetworkAcls } from './naclCheck';
import { runReachabilityAnalysis } from './reachabilityAnalyzer';
import { checkSecurityGroups } from './securityGroupCheck';
import { checkVpcDns } from './vpcDnsCheck';

export { clientPlacement } from './clientPlacement';
export { DiagnoseInputError, type DiagnoseCollaborators, type DiagnoseRequest, type ProbeTarget } from './diagnoseRequest';

const TITLES: Record<CheckId, string> = {
  endpointState: 'Endpoint state',
  vpcDns: 'VPC DNS attributes and private DNS',
  securityGroups: 'Security groups (ports 5432 and 6432)',
  networkAcls: 'Network ACLs',
  dnsAnswers: 'DNS answers for the Private Host',
  connectivity: 'Connections to the endpoint (TCP, TLS, login)',
  reachabilityAnalyzer: 'Reachability Analyzer',
};

export async function runDiagnosis(request: DiagnoseRequest, deps: DiagnoseCollaborators): Promise<DiagnoseResult> {
  validateDiagnoseRequest(request);
  const started = Date.now();
  const cli: CliContext = { region: request.region, profile: request.profile, endpointUrl: request.endpointUrl };
  const checks: DiagnoseCheck[] = [];
  const emit = (check: DiagnoseCheck) => {
    checks.push(check);
    request.onCheck?.(check);
  };
  const finish = (vpcId?: string): DiagnoseResult => ({
    endpointId: request.endpointId,
    region: request.region,
    ...(vpcId ? { vpcId } : {}),
    ...(request.privateHost ? { privateHost: request.privateHost } : {}),
    client: request.client,
    ...(request.vantage ? { vantage: request.vantage } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
  });
  const { ec2, signal } = { ec2: deps.ec2, signal: request.signal };
  const awsFailure = (id: CheckId, error: unknown, what: string): DiagnoseCheck => {
    const classified = classifyAwsError(error, { region: request.region, endpointUrl: request.endpointUrl });
    if (classified.kind === 'cancelled') throw error;
    return { id, title: TITLES[id], status: 'warn', summary: `Could not ${what}: ${classified.message}`, evidence: classified.code ? [`AWS error ${classified.code}`] : [] };
  };
  const skipRest = (from: CheckId[], why: string) => {
    for (const id of from) emit({ id, title: TITLES[id], status: 'skipped', summary: why, evidence: [] });
  };

  // 1. Endpoint state.
  let endpoint: InterfaceEndpoint | undefined;
  try {
    endpoint = (await describeEndpoints(ec2, [request.endpointId], { signal })).found.get(request.endpointId);
  } catch (error) {
    const failed = awsFailure('endpointState', error, 'read the endpoint');
    emit({ ...failed, status: 'fail' });
    skipRest(['vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'], 'Skipped: the endpoint could not be read.');
    return finish();
  }
  emit(checkEndpointState(endpoint, request.endpointId, cli));
  if (!endpoint) {
    skipRest(['vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'], 'Skipped: the endpoint does not exist.');
    return finish();
  }
  const available = endpoint.state === 'available';
  const vpcId = endpoint.vpcId;

  // Everything checks 2–6 read, fetched together.
  const clientGroupIds = request.client.securityGroupIds ?? [];
  const [attributes, vpc, subnets, groups, interfaces] = await Promise.all([
    settle(getVpcDnsAttributes(ec2, vpcId, { signal })),
    settle(listVpcs(ec2, { signal }).then((vpcs) => vpcs.find((v) => v.id === vpcId))),
    settle(listSubnets(ec2, vpcId, { signal })),
    settle(describeSecurityGroups(ec2, [...endpoint.securityGroupIds, ...clientGroupIds], { signal })),
    settle(describeNetworkInterfaces(ec2, endpoint.networkInterfaceIds, { signal })),
  ]);
  const vpcSubnets: SubnetSummary[] = subnets.ok ? subnets.value : [];
  const client = clientPlacement(request.client, vpcSubnets, vpc.ok ? vpc.value : undefined);
  const [acls, dhcp] = await Promise.all([
    settle(describeNetworkAcls(ec2, [...new Set([...endpoint.subnetIds, ...client.subnetIds])], { signal })),
    vpc.ok && vpc.value?.dhcpOptionsId ? settle(describeDhcpOptions(ec2, vpc.value.dhcpOptionsId, { signal })) : Promise.resolve(undefined),
  ]);

  // 2. VPC DNS attributes and private DNS.
  const dhcpInfo: { options?: DhcpOptionsSummary; error?: string } | undefined = dhcp
    ? dhcp.ok
      ? { options: dhcp.value }
      : { error: classifyAwsError(dhcp.error, { region: request.region }).message }
    : undefined;
  const vpcDns = attributes.ok ? checkVpcDns(endpoint, attributes.value, dhcpInfo, cli) : awsFailure('vpcDns', attributes.error, 'read the VPC DNS attributes');
  emit(vpcDns);

  // 3. Security groups.
  const endpointInterfaces: NetworkInterfaceSummary[] = interfaces.ok ? interfaces.value : [];
  let sgBlockedPorts: number[] = [];
  if (groups.ok) {
    const all: SecurityGroupSummary[] = groups.value;
    const outcome = checkSecurityGroups(
      {
        endpoint,
        endpointGroups: all.filter((g) => endpoint.securityGroupIds.includes(g.id)),
        interfaces: endpointInterfaces,
        clientGroupIds,
        clientGroups: all.filter((g) => clientGroupIds.includes(g.id)),
        clientCidrs: client.source === 'vpc' ? [] : client.cidrs,
      },
      cli,
    );
    sgBlockedPorts = outcome.blockedPorts;
    emit(outcome.check);
  } else {
    emit(awsFailure('securityGroups', groups.error, 'read the security groups'));
  }

  // 4. Network ACLs.
  let naclBlocked: string[] = [];
  if (acls.ok && interfaces.ok && subnets.ok) {
    const outcome = checkNetworkAcls(
      {
        endpoint,
        interfaces: endpointInterfaces,
        acls: acls.value as NetworkAcl[],
        subnets: vpcSubnets,
        clientCidrs: client.cidrs,
        clientCidrSource: client.source,
        clientSubnetIds: client.subnetIds,
      },
      cli,
    );
    naclBlocked = outcome.blockedTargets;
    emit(outcome.check);
  } else {
    const error = !acls.ok ? acls.error : !interfaces.ok ? interfaces.error : (subnets as { error: unknown }).error;
    emit(awsFailure('networkAcls', error, 'read the network ACLs, subnets or interfaces'));
  }

  const interfaceIps = endpointInterfaces.map((i) => i.privateIpAddress).filter((ip): ip is string => !!ip);
  const notAvailable = `Skipped: the endpoint is ${endpoint.state}, so nothing answers for it yet (see the endpoint state).`;

  // 5 and 6 measured on the vantage instance (one probe run gives both).
  if (request.vantage) {
    if (!available) {
      skipRest(['dnsAnswers', 'connectivity'], notAvailable);
    } else if (!request.privateHost) {
      skipRest(['dnsAnswers', 'connectivity'], 'Skipped: no Private Host given (pick the branch the endpoint serves); the probe on the instance resolves it.');
    } else {
      const measured = await measureOnInstance(deps.probeFromInstance, { privateHost: request.privateHost, interfaceIps, ports: [...POSTGRES_PORTS] }, signal);
      const found = instanceChecks(
        {
          vantage: request.vantage, privateHost: request.privateHost, measured, endpointId: endpoint.id, interfaceIps, vpcId,
          vpcCidrs: vpc.ok && vpc.value ? vpc.value.cidrBlocks : [], privateDnsBroken: vpcDns.status === 'fail',
          naclBlocked: new Set(naclBlocked), sgBlockedPorts: new Set(sgBlockedPorts),
        },
        cli,
      );
      emit(found.dnsAnswers);
      emit(found.connectivity);
    }
  } else {
    // 5. DNS answers for the Private Host.
    if (!available) {
      skipRest(['dnsAnswers'], notAvailable);
    } else if (!request.privateHost) {
      skipRest(['dnsAnswers'], 'Skipped: no Private Host given (pick the branch the endpoint serves).');
    } else {
      let answers: { ips: string[] } | { error: string };
      try {
        answers = { ips: await deps.resolveHost(request.privateHost, signal) };
      } catch (error) {
        signal?.throwIfAborted();
        answers = { error: dnsErrorText(error) };
      }
      emit(
        checkDnsAnswers(
          {
            privateHost: request.privateHost,
            resolverLabel: deps.resolverLabel,
            answers,
            interfaceIps,
            vpcId,
            vpcCidrs: vpc.ok && vpc.value ? vpc.value.cidrBlocks : [],
            privateDnsBroken: vpcDns.status === 'fail',
          },
          cli,
        ),
      );
    }

    // 6. Connections to each interface IP.
    if (!available) {
      skipRest(['connectivity'], notAvailable);
    } else {
      const targets = interfaceIps.flatMap((ip) => POSTGRES_PORTS.map((port) => ({ ip, port })));
      const outcomes = await Promise.all(
        targets.map((t) => deps.probe({ ...t, servername: request.privateHost, credentials: request.credentials }, signal)),
      );
      emit(
        checkConnectivity(
          {
            endpointId: endpoint.id,
            outcomes,
            naclBlocked: new Set(naclBlocked),
            sgBlockedPorts: new Set(sgBlockedPorts),
            withLogin: !!request.credentials && !!request.privateHost,
            withTls: !!request.privateHost,
          },
          cli,
        ),
      );
    }
  }

  // 7. Reachability Analyzer, only when the user opted in.
  if (!request.reachability) {
    skipRest(['reachabilityAnalyzer'], 'Not run: AWS charges per analysis; run it when you agree to the charge.');
  } else if (!request.reachability.sourceId) {
    skipRest(['reachabilityAnalyzer'], 'Not run: give the client\'s network interface (eni-…) or instance (i-…) as the source.');
  } else if (endpoint.networkInterfaceIds.length === 0) {
    skipRest(['reachabilityAnalyzer'], 'Not run: the endpoint has no network interface to analyse a path to.');
  } else {
    try {
      emit(
        await runReachabilityAnalysis(ec2, {
          sourceId: request.reachability.sourceId,
          destinationId: endpoint.networkInterfaceIds[0],
          port: POSTGRES_PORTS[0],
          timeoutMs: request.reachability.timeoutMs,
          pollMs: request.reachability.pollMs,
          signal,
        }),
      );
    } catch (error) {
      emit(awsFailure('reachabilityAnalyzer', error, 'run the Reachability Analyzer'));
    }
  }
  return finish(vpcId);
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => {
      if ((error as { name?: string } | undefined)?.name === 'AbortError') throw error;
      return { ok: false as const, error };
    },
  );
}

function dnsErrorText(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ENOTFOUND') return 'no such name (NXDOMAIN)';
  if (code === 'ENODATA') return 'the name has no A record';
  if (code === 'ETIMEOUT' || code === 'ECONNREFUSED') return `the resolver did not answer (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}
