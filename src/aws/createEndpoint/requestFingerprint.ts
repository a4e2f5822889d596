// A deterministic fingerprint of an endpoint request. It becomes the idempotency ClientToken of
// CreateVpcEndpoint and a tag on the created resources, so submitting the same form twice finds
// and returns what the first submit made instead of creating a second endpoint. Pure JS (no
// node:crypto) because the webview shows it in the plan too.
import type { EndpointRequest } from './endpointRequest';

/** Canonical JSON of the fields that decide what gets created (lists are already sorted). */
export function canonicalRequest(request: EndpointRequest): string {
  const sg = request.securityGroup;
  return JSON.stringify([
    request.region,
    request.serviceName,
    request.vpcId,
    request.subnetIds,
    sg.mode === 'create'
      ? ['create', sg.groupName, sg.description, sg.source.kind, sg.source.kind === 'cidrs' ? sg.source.cidrs : sg.source.groupIds]
      : ['existing', sg.groupId],
    request.privateDns,
    request.nameTag,
    request.branch ?? '',
  ]);
}

/** `pspl-` + 32 hex digits: short enough for ClientToken (64) and a tag value. */
export function requestFingerprint(request: EndpointRequest): string {
  const text = canonicalRequest(request);
  return `pspl-${hash32(text, 0x811c9dc5)}${hash32(text, 0x01000193)}${hash32(text, 0x5bd1e995)}${hash32(text, 0x27d4eb2f)}`;
}

/**
 * The ClientToken of CreateVpcEndpoint: the fingerprint plus the security group actually used. A
 * plain re-submit reuses the group (found by tag) and so gets the same endpoint back; after the
 * endpoint and its group were deleted, the same form makes a new group and so a new endpoint
 * (instead of EC2 answering IdempotentParameterMismatch). The exported CLI script builds the same
 * token from its captured $SG_ID.
 */
export function endpointClientToken(fingerprint: string, securityGroupId: string, salt?: string): string {
  // A salt (after the user deleted the endpoint the plain token names) gives a fresh token.
  if (salt) return `${fingerprint}-${hash32(`${securityGroupId}/${salt}`, 0x9e3779b1)}`;
  const token = `${fingerprint}-${securityGroupId}`;
  // ClientToken allows 64 ASCII characters; sg ids are 20, so this only guards odd inputs.
  return token.length <= 64 ? token : `${fingerprint}-${hash32(securityGroupId, 0x9e3779b1)}`;
}

// FNV-1a style 32-bit hash with a seed, mixed so nearby inputs spread; not cryptographic (it
// only needs to tell forms apart, and nothing secret goes into it).
function hash32(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}
