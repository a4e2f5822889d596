// IPv4 addresses and CIDR blocks as integer ranges, shared by the NACL and security-group
// evaluators. Plain arithmetic instead of bit operators: JavaScript's `<<` works on signed 32-bit
// numbers, which breaks /0 masks and addresses above 128.0.0.0.

/** An inclusive range of IPv4 addresses, as unsigned integers. */
export interface Ipv4Range {
  first: number;
  last: number;
  prefix: number;
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || !parts.every((p) => IPV4_PART.test(p))) {
    return undefined;
  }
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

export function formatIpv4(value: number): string {
  return [3, 2, 1, 0].map((i) => Math.floor(value / 256 ** i) % 256).join('.');
}

/**
 * Parses `a.b.c.d/n`, or a bare address as `/32`. Host bits are cleared the way EC2 reads a
 * rule's CIDR (`10.0.0.5/16` covers 10.0.0.0–10.0.255.255). Undefined when malformed.
 */
export function parseCidr(text: string): Ipv4Range | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = parseIpv4(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const prefixText = slash === -1 ? '32' : trimmed.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return undefined;
  }
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1, prefix };
}

/** Why a CIDR does not parse, naming the field, or undefined when it is fine. */
export function cidrProblem(field: string, text: string): string | undefined {
  if (parseCidr(text)) {
    return undefined;
  }
  return `${field}: "${text}" is not an IPv4 address or CIDR block. Use a form such as 10.0.1.25 or 10.0.0.0/16.`;
}

export function formatCidr(range: Ipv4Range): string {
  return `${formatIpv4(range.first)}/${range.prefix}`;
}

/** Whether every address of `inner` lies in `outer`. */
export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether the CIDR (or address) `inner` lies inside the CIDR `outer`; false when either is malformed. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return !!o && !!i && rangeContains(o, i);
}

/** Whether the ranges together cover every address of `target`. */
export function rangesCover(ranges: readonly Ipv4Range[], target: Ipv4Range): boolean {
  const sorted = ranges.filter((r) => rangesOverlap(r, target)).sort((a, b) => a.first - b.first);
  let next = target.first;
  for (const r of sorted) {
    if (r.first > next) {
      return false;
    }
    next = Math.max(next, r.last + 1);
    if (next > target.last) {
      return true;
    }
  }
  return next > target.last;
}
