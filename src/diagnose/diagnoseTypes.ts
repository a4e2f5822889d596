// Shapes of a diagnosis: ordered checks, each with what it saw and, when something is wrong, the
// fix as an exact AWS CLI command plus an operation the UI can apply after the user confirms.
// Plain data (no SDK types) so it crosses the webview and lazy-bundle boundaries unchanged.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export type CheckId =
  | 'endpointState'
  | 'vpcDns'
  | 'securityGroups'
  | 'networkAcls'
  | 'dnsAnswers'
  | 'connectivity'
  | 'reachabilityAnalyzer';

export interface DiagnoseCheck {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** One sentence: what is wrong or that all is well. */
  summary: string;
  /** What the check saw: ids, states, rules, answers, timings. Never secrets. */
  evidence: string[];
  fix?: Fix;
}

export interface Fix {
  description: string;
  /** The exact AWS CLI command(s), one per line, ready to paste. */
  cliCommand: string;
  /** Present when the fix is an AWS change the extension can make itself (after confirmation). */
  apply?: FixApply;
}

export interface FixApply {
  region: string;
  /** Applied in order. */
  operations: FixOperation[];
}

export interface IpPermissionSpec {
  fromPort: number;
  toPort: number;
  /** Exactly one of the two sources. */
  sourceGroupId?: string;
  cidr?: string;
  description?: string;
}

export type FixOperation =
  | { action: 'authorizeSecurityGroupIngress'; groupId: string; permissions: IpPermissionSpec[] }
  | { action: 'authorizeSecurityGroupEgress'; groupId: string; permissions: IpPermissionSpec[] }
  | { action: 'modifyVpcAttribute'; vpcId: string; attribute: 'enableDnsSupport' | 'enableDnsHostnames'; value: boolean }
  | { action: 'enableEndpointPrivateDns'; endpointId: string }
  | {
      action: 'createNetworkAclEntry';
      networkAclId: string;
      ruleNumber: number;
      egress: boolean;
      portRange: { from: number; to: number };
      cidrBlock: string;
    };

/** Where the application that should reach the database runs (remembered per workspace). */
export interface ClientLocationInput {
  securityGroupIds?: string[];
  cidrs?: string[];
  subnetIds?: string[];
}

/**
 * An instance in the endpoint's VPC that the DNS answers and the TCP/TLS connections are measured
 * from (through Systems Manager), and whose own groups, address and subnet the rules are evaluated
 * for. Absent: everything is measured from this machine.
 */
export interface DiagnoseVantage {
  instanceId: string;
  /** Its Name tag, for display. */
  name?: string;
  subnetId?: string;
  privateIp?: string;
  securityGroupIds: string[];
}

export interface DiagnoseResult {
  endpointId: string;
  region: string;
  vpcId?: string;
  privateHost?: string;
  client: ClientLocationInput;
  /** Set when checks 5 and 6 were measured on an instance (and the rules evaluated for it). */
  vantage?: DiagnoseVantage;
  startedAt: string;
  durationMs: number;
  checks: DiagnoseCheck[];
}

/** The two ports PlanetScale serves: direct Postgres and PSBouncer. */
export const POSTGRES_PORTS = [5432, 6432] as const;

/** The return ports AWS recommends NACLs allow for replies to clients. */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/** The worst status among checks (fail > warn > pass > skipped). */
export function overallStatus(checks: readonly DiagnoseCheck[]): CheckStatus {
  const rank: Record<CheckStatus, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 };
  return checks.reduce<CheckStatus>((worst, c) => (rank[c.status] > rank[worst] ? c.status : worst), 'skipped');
}
