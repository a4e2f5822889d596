// Which endpoint answered for a branch's Private Host. PlanetScale's edge behind an endpoint
// service serves only the branches of that service's region, and every region's service uses the
// same private DNS name (*.private-pg.psdb.cloud). So an endpoint of another region's service in
// the VPC answers for any branch's host, and connections through it fail at the edge: the answers
// must be interface IPs of an available endpoint of the branch's own service. Pure.
import type { Evidence, KnownEndpoint, PhaseOutcome } from './verifyTypes';

const isAvailable = (e: KnownEndpoint) => e.state.toLowerCase() === 'available';

/** The available endpoints of `serviceName`: the only ones that reach its branches. */
export function servingEndpoints(serviceName: string, endpoints: readonly KnownEndpoint[]): KnownEndpoint[] {
  return endpoints.filter((e) => e.serviceName === serviceName && isAvailable(e));
}

/** "127.10.1.4 (vpce-0abc of com.amazonaws.vpce.us-east-1.vpce-svc-…, us-east-1, vpc-0def)". */
export function describeAnswer(ip: string, serviceName: string, endpoints: readonly KnownEndpoint[]): string {
  const owners = endpoints.filter((e) => e.ips.includes(ip));
  const owner = owners.find(isAvailable) ?? owners[0];
  if (!owner) return `${ip} (no known endpoint)`;
  const whose = owner.serviceName === serviceName ? 'this branch\'s service' : `another service, ${owner.serviceName}`;
  const state = isAvailable(owner) ? '' : `, ${owner.state}`;
  return `${ip} (${owner.id} of ${whose}${owner.location ? `, ${owner.location}` : ''}${state})`;
}

/**
 * A failing DNS outcome when some answer is not an interface of an available endpoint of the
 * branch's service; undefined when every answer is.
 */
export function checkAnswersServeBranch(
  host: string,
  addresses: readonly string[],
  serviceName: string,
  endpoints: readonly KnownEndpoint[],
  evidence: Evidence,
): PhaseOutcome<string[]> | undefined {
  const serving = servingEndpoints(serviceName, endpoints);
  const expected = serving.flatMap((e) => e.ips);
  evidence.serviceName = serviceName;
  evidence.servingEndpoints = serving.map((e) => e.id);
  if (expected.length) evidence.expected = [...new Set(expected)];
  const foreign = addresses.filter((ip) => !expected.includes(ip));
  if (foreign.length === 0) return undefined;
  const answeredBy = addresses.map((ip) => describeAnswer(ip, serviceName, endpoints));
  evidence.answeredBy = answeredBy;
  const create = `Create an interface endpoint for ${serviceName} (with private DNS) in the application's VPC`;
  if (serving.length === 0) {
    return {
      status: 'fail', evidence, remedy: 'createEndpoint',
      detail: `${host} resolves to ${answeredBy.join(', ')}, but no available endpoint of the branch's service ${serviceName} is known, so nothing proves these addresses reach this branch.`,
      fix: `PlanetScale serves a branch only through an endpoint of its own Private Service Name; an endpoint of another region's service answers for the same host name but cannot reach it. ${create}, or load the profile and region of the endpoint you have in the AWS view.`,
    };
  }
  return {
    status: 'fail', evidence, remedy: 'createEndpoint',
    detail: `${host} resolves to ${answeredBy.join(', ')}, but the interfaces of ${serving.map((e) => e.id).join(', ')} (${serviceName}) are ${expected.join(', ')}.`,
    fix: `Something else answers for this name in the VPC: an endpoint of another service (private DNS names overlap), one in a peered VPC, or a Route 53 private hosted zone for psdb.cloud. Turn off private DNS on the one you do not use, or ${create[0].toLowerCase()}${create.slice(1)} that answers instead.`,
  };
}
