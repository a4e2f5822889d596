// Where this machine stands relative to the endpoint's VPC, from its own DNS answers for the
// Private Host: inside (the answers are the endpoint's interface IPs) or outside (no answer, a
// public answer, or another endpoint's IPs), with the plain sentence to show instead of a DNS
// failure. Pure: the caller resolves with its own resolver.

export type Vantage =
  | { inside: true }
  | { inside: false; why: 'no-answer' | 'public-answer' | 'other-ips'; message: string };

const PRIVATE_V4 = [/^10\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^127\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

function isPrivate(ip: string): boolean {
  return PRIVATE_V4.some((re) => re.test(ip));
}

/**
 * `answers`: what this machine's resolver said (empty for NXDOMAIN/no data);
 * `interfaceIps`: the endpoint's; `vpcId`: the endpoint's VPC, for the sentence.
 */
/** `ask`: the question the message ends with. */
export function detectVantage(host: string, answers: readonly string[], interfaceIps: readonly string[], vpcId: string, ask = 'Verify from an instance inside it?'): Vantage {
  const expected = new Set(interfaceIps);
  if (answers.length > 0 && answers.every((a) => expected.has(a))) return { inside: true };
  if (answers.length === 0) {
    return { inside: false, why: 'no-answer', message: `This machine is outside ${vpcId}: ${host} does not resolve here (its private zone is visible only inside the VPC). ${ask}` };
  }
  if (answers.every((a) => !isPrivate(a))) {
    return { inside: false, why: 'public-answer', message: `This machine is outside ${vpcId}: ${host} resolves here to public addresses (${answers.join(', ')}), not to the endpoint. ${ask}` };
  }
  return { inside: false, why: 'other-ips', message: `This machine does not see ${vpcId}'s endpoint: ${host} resolves here to ${answers.join(', ')}, not to its interface IPs (${interfaceIps.join(', ')}) — another network's endpoint or zone. This machine is outside ${vpcId}; ${ask.charAt(0).toLowerCase()}${ask.slice(1)}` };
}
