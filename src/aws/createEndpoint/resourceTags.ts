// Tags the extension puts on what it creates, so it can find its own resources again (to reuse a
// security group on a re-submit, or to offer deleting it with the endpoint) and so users can see
// who made them.
import type { EndpointRequest } from './endpointRequest';

export const TAG_CREATED_BY = 'planetscale-privatelink:created-by';
export const CREATED_BY_VALUE = 'vscode-extension';
export const TAG_BRANCH = 'planetscale-privatelink:branch';
/** Fingerprint of the form that created the resource; a re-submit of the same form matches it. */
export const TAG_REQUEST = 'planetscale-privatelink:request';

export interface ResourceTag {
  Key: string;
  Value: string;
}

/** Tags for the endpoint (Name = the form's Name tag). */
export function endpointTags(request: EndpointRequest, fingerprint: string): ResourceTag[] {
  return commonTags(request, fingerprint, request.nameTag);
}

/** Tags for the security group the extension creates (Name = the group name). */
export function securityGroupTags(request: EndpointRequest, fingerprint: string): ResourceTag[] {
  const name = request.securityGroup.mode === 'create' ? request.securityGroup.groupName : request.nameTag;
  return commonTags(request, fingerprint, name);
}

function commonTags(request: EndpointRequest, fingerprint: string, name: string): ResourceTag[] {
  const tags: ResourceTag[] = [];
  if (name) tags.push({ Key: 'Name', Value: name });
  tags.push({ Key: TAG_CREATED_BY, Value: CREATED_BY_VALUE });
  if (request.branch) tags.push({ Key: TAG_BRANCH, Value: request.branch });
  tags.push({ Key: TAG_REQUEST, Value: fingerprint });
  return tags;
}

/** True when the tags say this extension created the resource. */
export function isCreatedByExtension(tags: Readonly<Record<string, string>> | undefined): boolean {
  return tags?.[TAG_CREATED_BY] === CREATED_BY_VALUE;
}
