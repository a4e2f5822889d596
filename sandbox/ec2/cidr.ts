// IPv4 address and CIDR arithmetic for validation and interface IP allocation.

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

/** Parses "a.b.c.d/n"; undefined when malformed. Host bits may be set (EC2 accepts that for rules). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const ip = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

/** A loose IPv6 CIDR check, enough to accept "::/0" and reject garbage. */
export function isIpv6Cidr(text: string): boolean {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text.trim());
  return !!m && m[1].includes(':') && Number(m[2]) <= 128;
}

/**
 * The first free address of a subnet from `.start` upward, skipping what AWS reserves (the
 * first four addresses and the last) and anything in `used`.
 */
export function allocateIp(subnetCidr: string, used: Set<string>, start = 10): string | undefined {
  const cidr = parseCidr(subnetCidr);
  if (!cidr) return undefined;
  const first = cidr.base + Math.max(start, 4);
  const last = cidr.base + cidr.size - 2;
  for (let ip = first; ip <= last; ip++) {
    const text = formatIpv4(ip);
    if (used.has(text) || text.endsWith('.255') || text.endsWith('.0')) continue;
    return text;
  }
  return undefined;
}
