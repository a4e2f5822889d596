// What the Create Endpoint command was invoked on: nothing (the palette), a VPC, or a PlanetScale
// branch — given directly as a payload, or as a tree node / action item carrying one in
// `.payload`. Anything else opens the form empty. Pure, so it is unit-tested.

export type CreateEndpointTarget =
  | { kind: 'palette' }
  | { kind: 'vpc'; vpcId: string; profile?: string; region?: string }
  | {
      kind: 'branch';
      organization: string;
      database: string;
      branch: string;
      region?: string;
      serviceName?: string;
      privateHost?: string;
    };

type Fields = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function payloadOf(arg: unknown): Fields | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const fields = arg as Fields;
  if (typeof fields.kind === 'string') return fields;
  const inner = fields.payload;
  return typeof inner === 'object' && inner !== null && typeof (inner as Fields).kind === 'string' ? (inner as Fields) : undefined;
}

export function targetFromArgument(arg: unknown): CreateEndpointTarget {
  const p = payloadOf(arg);
  if (p?.kind === 'vpc') {
    const vpcId = text(p.vpcId);
    if (vpcId) return { kind: 'vpc', vpcId, ...optional('profile', text(p.profile)), ...optional('region', text(p.region)) };
  }
  if (p?.kind === 'branch') {
    const organization = text(p.organization);
    const database = text(p.database);
    const branch = text(p.branch);
    if (organization && database && branch) {
      return {
        kind: 'branch',
        organization,
        database,
        branch,
        ...optional('region', text(p.region)),
        ...optional('serviceName', text(p.serviceName)),
        ...optional('privateHost', text(p.privateHost)),
      };
    }
  }
  return { kind: 'palette' };
}

/** The Name tag suggested for the endpoint. */
export function suggestedNameTag(target: CreateEndpointTarget): string {
  if (target.kind === 'branch') return `planetscale-${target.database}-${target.branch}`.slice(0, 256);
  return 'planetscale-privatelink';
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
