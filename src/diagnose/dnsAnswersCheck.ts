// Check 5: inside the VPC the Private Host must resolve to exactly the endpoint's interface IPs.
// Another answer means some other record wins (a resolver rule, another hosted zone, /etc/hosts)
// or the machine is not resolving through the VPC at all.

import { cidrContains } from './cidr';
import type { DiagnoseCheck } from './diagnoseTypes';
import { adviceFor, hostedZonesByVpcCli, type CliContext } from './fixCommands';

const TITLE = 'DNS answers for the Private Host';

export interface DnsAnswersInput {
  privateHost: string;
  /** Which resolver answered, e.g. `127.0.0.1:5353` or `the system resolver`. */
  resolverLabel: string;
  answers: { ips: string[] } | { error: string };
  interfaceIps: string[];
  vpcId: string;
  vpcCidrs: string[];
  /** True when check 2 failed: then a missing answer is its consequence, not a new fault. */
  privateDnsBroken: boolean;
  /** True when the answers come from inside the VPC (an instance there): then "resolve from inside" is no advice. */
  insideVpc?: boolean;
}

const INSIDE_ADVICE =
  'Inside the VPC the name must resolve to the endpoint: turn on private DNS for the endpoint and the VPC\'s DNS support and hostnames (see the DNS attributes check), and remove any private hosted zone or Route 53 Resolver rule that answers for *.private-pg.psdb.cloud.';

export function checkDnsAnswers(input: DnsAnswersInput, cli: CliContext): DiagnoseCheck {
  const expected = [...new Set(input.interfaceIps)].sort();
  const evidence = [`endpoint interface IPs: ${expected.join(', ') || 'none'}`];
  const base = { id: 'dnsAnswers' as const, title: TITLE, evidence };
  const zonesCommand = hostedZonesByVpcCli(cli, input.vpcId);

  // An empty answer is no answer: judge it like NXDOMAIN, not as "some IPs missing".
  const answers = 'ips' in input.answers && input.answers.ips.length === 0 ? { error: 'no addresses' } : input.answers;
  if ('error' in answers) {
    evidence.unshift(`${input.privateHost} via ${input.resolverLabel}: ${answers.error}`);
    if (input.privateDnsBroken) {
      return { ...base, status: 'warn', summary: 'The Private Host does not resolve, as expected while private DNS is off (see the DNS attributes check).' };
    }
    return {
      ...base,
      status: 'fail',
      summary: `The Private Host does not resolve through ${input.resolverLabel}.`,
      fix: adviceFor(
        input.insideVpc ? INSIDE_ADVICE : 'Resolve from inside the VPC (run the extension on a machine in the VPC, e.g. over Remote-SSH), or point the setting planetscalePrivateLink.dns.server at a resolver that forwards to the VPC resolver.',
        zonesCommand,
      ),
    };
  }

  const got = [...new Set(answers.ips)].sort();
  evidence.unshift(`${input.privateHost} via ${input.resolverLabel}: ${got.join(', ')}`);
  const strangers = got.filter((ip) => !expected.includes(ip));
  const missing = expected.filter((ip) => !got.includes(ip));
  if (strangers.length === 0 && missing.length === 0) {
    return { ...base, status: 'pass', summary: 'The Private Host resolves to exactly the endpoint\'s interface IPs.' };
  }
  if (strangers.length === 0) {
    return {
      ...base,
      status: 'warn',
      summary: `The Private Host resolves to only some interface IPs (missing ${missing.join(', ')}); clients in those zones lose their local path.`,
    };
  }
  const outsideVpc = strangers.filter((ip) => !input.vpcCidrs.some((cidr) => cidrContains(cidr, ip)));
  if (input.privateDnsBroken) {
    evidence.push('answers other than the interface IPs are expected while private DNS is off (see the DNS attributes check)');
    return { ...base, status: 'warn', summary: 'The Private Host resolves elsewhere, as expected while private DNS is off.' };
  }
  if (outsideVpc.length === strangers.length && !input.insideVpc) {
    return {
      ...base,
      status: 'fail',
      summary: `The Private Host resolves to ${strangers.join(', ')}, outside the VPC: this resolver does not see the endpoint's private zone (not inside the VPC, or through a peering/VPN without Route 53 Resolver rules).`,
      fix: adviceFor(
        'Run the extension on a machine in the VPC, or forward *.private-pg.psdb.cloud to the VPC resolver (Route 53 Resolver inbound endpoint) and point planetscalePrivateLink.dns.server at it.',
        zonesCommand,
      ),
    };
  }
  return {
    ...base,
    status: 'fail',
    summary: `The Private Host resolves to ${strangers.join(', ')}, which are not this endpoint's interfaces: another record answers for the name.`,
    fix: adviceFor(
      'Remove the record that overrides the Private Host: a private hosted zone or Route 53 Resolver rule associated with the VPC, an /etc/hosts entry, or another endpoint with private DNS for the same service.',
      zonesCommand,
    ),
  };
}
