// IPv4 CIDR arithmetic for the form's checks: well-formedness (with the fix) and containment.

/** IPv4 CIDR with no host bits set. Null when valid. */
export function checkCidr(cidr: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return `"${cidr}" is not an IPv4 CIDR block; write it as address/prefix, for example 10.0.0.0/16.`;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255) || m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) {
    return `"${cidr}" has an invalid address; each of the four numbers must be 0-255.`;
  }
  const prefix = Number(m[5]);
  if (prefix > 32) return `"${cidr}" has prefix /${prefix}; an IPv4 prefix is 0 to 32.`;
  const address = toInt(octets);
  const network = (address & mask(prefix)) >>> 0;
  if (network !== address) {
    return `"${cidr}" has host bits set; use ${fromInt(network)}/${prefix}.`;
  }
  return null;
}

/** Whether `inner` lies inside `outer` (both well-formed). */
export function cidrContains(outer: string, inner: string): boolean {
  const [oa, op] = outer.split('/');
  const [ia, ip] = inner.split('/');
  const outerPrefix = Number(op);
  if (Number(ip) < outerPrefix) return false;
  const m = mask(outerPrefix);
  return ((toInt(oa.split('.').map(Number)) & m) >>> 0) === ((toInt(ia.split('.').map(Number)) & m) >>> 0);
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
function toInt(octets: number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}
function fromInt(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
