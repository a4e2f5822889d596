// Answers Diagnose can work out instead of asking: the application's security group (the one the
// endpoint's inbound rules name on 5432/6432, else the only candidate group of the VPC), and the
// login user of the connection variables the extension wrote to .env for this Private Host.
// Pure: the caller reads the groups and the .env files.
import type { SecurityGroupSummary } from '../aws/types';
import { POSTGRES_PORTS } from './diagnoseTypes';

/** The tag the create flow puts on the endpoint groups it makes. */
const CREATED_BY = 'planetscale-privatelink:created-by';

export interface GroupGuess {
  group: { id: string; name: string };
  /** `rule`: the endpoint's inbound rules name it; `only`: the VPC's one candidate group. */
  why: 'rule' | 'only';
}

/** The application's group when it is determinable, else undefined (then the user picks). */
export function guessClientGroup(vpcGroups: readonly SecurityGroupSummary[], endpointGroupIds: readonly string[]): GroupGuess | undefined {
  const endpointGroups = vpcGroups.filter((g) => endpointGroupIds.includes(g.id));
  const named = new Set(
    endpointGroups.flatMap((g) =>
      g.ingress
        .filter((r) => (r.protocol === 'tcp' || r.protocol === 'all') && POSTGRES_PORTS.some((p) => r.fromPort <= p && p <= r.toPort))
        .flatMap((r) => r.referencedGroupIds),
    ),
  );
  const namedGroups = vpcGroups.filter((g) => named.has(g.id) && !endpointGroupIds.includes(g.id));
  if (namedGroups.length === 1) return { group: { id: namedGroups[0].id, name: namedGroups[0].name }, why: 'rule' };
  if (namedGroups.length > 1) return undefined;
  const candidates = vpcGroups.filter((g) => !endpointGroupIds.includes(g.id) && g.name !== 'default' && !g.tags[CREATED_BY]);
  return candidates.length === 1 ? { group: { id: candidates[0].id, name: candidates[0].name }, why: 'only' } : undefined;
}

/**
 * The login user of variables written for `privateHost`: the user of a postgres URL whose host it
 * is, or the user key next to a host key naming it. `values`: the managed keys' values of one file.
 */
export function loginUserFor(values: Readonly<Record<string, string>>, privateHost: string): string | undefined {
  const host = privateHost.toLowerCase();
  for (const value of Object.values(values)) {
    const url = parseUrl(value);
    if (url && /^postgres(ql)?:$/.test(url.protocol) && url.hostname.toLowerCase() === host && url.username) return decodeURIComponent(url.username);
  }
  const hostKey = Object.keys(values).find((k) => /HOST$/i.test(k) && values[k].trim().toLowerCase() === host);
  if (!hostKey) return undefined;
  const userKey = Object.keys(values).find((k) => k.toUpperCase() === hostKey.toUpperCase().replace(/HOST$/, 'USER'));
  const user = userKey ? values[userKey].trim() : '';
  return user || undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}
