// Check 2: the Private Host resolves inside the VPC only when the VPC has both DNS attributes on
// and the endpoint has private DNS on (and the VPC's DHCP options use Amazon's resolver).

import type { DhcpOptionsSummary, InterfaceEndpoint, VpcDnsAttributes } from '../aws/types';
import type { DiagnoseCheck, FixOperation } from './diagnoseTypes';
import { adviceFor, ec2Cli, fixFor, type CliContext } from './fixCommands';

const TITLE = 'VPC DNS attributes and private DNS';

export function checkVpcDns(
  endpoint: InterfaceEndpoint,
  attributes: VpcDnsAttributes,
  dhcp: { options?: DhcpOptionsSummary; error?: string } | undefined,
  cli: CliContext,
): DiagnoseCheck {
  const evidence = [
    `${endpoint.vpcId}: enableDnsSupport ${attributes.enableDnsSupport}, enableDnsHostnames ${attributes.enableDnsHostnames}`,
    `${endpoint.id}: private DNS ${endpoint.privateDnsEnabled ? 'on' : 'off'}`,
  ];
  if (dhcp?.options) {
    evidence.push(`DHCP options ${dhcp.options.id}: domain-name-servers ${dhcp.options.domainNameServers.join(', ') || '(none)'}`);
  } else if (dhcp?.error) {
    evidence.push(`DHCP options not checked: ${dhcp.error}`);
  }

  const operations: FixOperation[] = [];
  const problems: string[] = [];
  const remedies: string[] = [];
  if (!attributes.enableDnsSupport) {
    problems.push('enableDnsSupport is off');
    remedies.push(`enableDnsSupport on ${endpoint.vpcId}`);
    operations.push({ action: 'modifyVpcAttribute', vpcId: endpoint.vpcId, attribute: 'enableDnsSupport', value: true });
  }
  if (!attributes.enableDnsHostnames) {
    problems.push('enableDnsHostnames is off');
    remedies.push(`enableDnsHostnames on ${endpoint.vpcId}`);
    operations.push({ action: 'modifyVpcAttribute', vpcId: endpoint.vpcId, attribute: 'enableDnsHostnames', value: true });
  }
  if (!endpoint.privateDnsEnabled) {
    problems.push('the endpoint has private DNS off');
    remedies.push(`private DNS on ${endpoint.id}`);
    // EC2 refuses private DNS on the endpoint until both attributes are on: keep this last.
    operations.push({ action: 'enableEndpointPrivateDns', endpointId: endpoint.id });
  }
  const base = { id: 'vpcDns' as const, title: TITLE, evidence };
  if (operations.length > 0) {
    return {
      ...base,
      status: 'fail',
      summary: `The Private Host cannot resolve to the endpoint inside the VPC: ${problems.join(', ')}.`,
      fix: fixFor(cli, `Turn on ${remedies.join(', then ')}.`, operations),
    };
  }
  if (dhcp?.options && !dhcp.options.usesAmazonProvidedDns) {
    return {
      ...base,
      status: 'warn',
      summary: `The VPC's DHCP options (${dhcp.options.id}) do not list AmazonProvidedDNS, so instances may not use the resolver that answers the endpoint's private names.`,
      fix: adviceFor(
        'Add AmazonProvidedDNS to the DHCP options set, or forward *.psdb.cloud from your DNS servers to the VPC resolver (Route 53 Resolver inbound endpoint).',
        ec2Cli(cli, 'describe-dhcp-options', ['--dhcp-options-ids', dhcp.options.id]),
      ),
    };
  }
  return { ...base, status: 'pass', summary: 'DNS support and DNS hostnames are on, and the endpoint has private DNS on.' };
}
