// Checks every message the Create Endpoint webview posts against the protocol, one small reader
// per message type. Unknown types and wrong field types are refused with a reason; what passes is
// rebuilt from the known fields only. Field *contents* (is this a VPC id?) are the form
// validation's job; this only guarantees the types the host code relies on.
import type { EndpointFormInput } from '../../aws/createEndpoint/endpointRequest';
import type { ExportFormat, FormAction, WebviewToHostMessage, WebviewToHostType } from './createEndpointProtocol';
import {
  boolean,
  oneOf,
  optionalString,
  record,
  requestId,
  string,
  stringList,
  parseWithReaders,
  type Fields,
  type Parsed,
} from './messageShape';

export type ParsedMessage = Parsed<WebviewToHostMessage>;

const EXPORT_FORMATS: readonly ExportFormat[] = ['cli', 'terraform', 'cleanup'];
const FORM_ACTIONS: readonly FormAction[] = ['signIn', 'writeConnectionString', 'showLog', 'refreshVpcs', 'resumeCreation'];

type Reader = (fields: Fields) => WebviewToHostMessage;

const readers: { [K in WebviewToHostType]: Reader } = {
  ready: () => ({ type: 'ready' }),
  changeContext: (f) => ({ type: 'changeContext', requestId: requestId(f), profile: string(f, 'profile', 'profile', 256), region: string(f, 'region', 'region', 64) }),
  verifyService: (f) => ({ type: 'verifyService', requestId: requestId(f), serviceName: string(f, 'serviceName', 'serviceName', 512) }),
  selectVpc: (f) => ({ type: 'selectVpc', requestId: requestId(f), vpcId: string(f, 'vpcId', 'vpcId', 64) }),
  enableVpcDns: (f) => ({ type: 'enableVpcDns', requestId: requestId(f), vpcId: string(f, 'vpcId', 'vpcId', 64) }),
  plan: (f) => ({ type: 'plan', requestId: requestId(f), form: readForm(f.form) }),
  create: (f) => ({ type: 'create', requestId: requestId(f), form: readForm(f.form) }),
  cancel: (f) => ({ type: 'cancel', requestId: requestId(f) }),
  copyExport: (f) => ({ type: 'copyExport', requestId: requestId(f), format: oneOf(f, 'format', EXPORT_FORMATS) }),
  openExport: (f) => ({ type: 'openExport', requestId: requestId(f), format: oneOf(f, 'format', EXPORT_FORMATS) }),
  runAction: (f) => ({ type: 'runAction', requestId: requestId(f), action: oneOf(f, 'action', FORM_ACTIONS) }),
};

/** Accepts a message only when it matches its type's shape exactly as the protocol declares it. */
export function parseWebviewMessage(raw: unknown): ParsedMessage {
  return parseWithReaders(raw, readers);
}

function readForm(value: unknown): EndpointFormInput {
  const f = record(value, 'form');
  const sg = record(f.securityGroup, 'form.securityGroup');
  const mode = oneOf(sg, 'mode', ['create', 'existing'] as const, 'form.securityGroup.mode');
  const securityGroup: EndpointFormInput['securityGroup'] =
    mode === 'existing'
      ? { mode, groupId: string(sg, 'groupId', 'form.securityGroup.groupId', 64) }
      : {
          mode,
          groupName: string(sg, 'groupName', 'form.securityGroup.groupName'),
          ...optional('description', optionalString(sg, 'description', 'form.securityGroup.description')),
          sourceKind: oneOf(sg, 'sourceKind', ['securityGroups', 'cidrs'] as const, 'form.securityGroup.sourceKind'),
          sourceGroupIds: stringList(sg, 'sourceGroupIds', 'form.securityGroup.sourceGroupIds', 64, 64),
          cidrs: stringList(sg, 'cidrs', 'form.securityGroup.cidrs', 64, 64),
        };
  return {
    region: string(f, 'region', 'form.region', 64),
    serviceName: string(f, 'serviceName', 'form.serviceName', 512),
    vpcId: string(f, 'vpcId', 'form.vpcId', 64),
    subnetIds: stringList(f, 'subnetIds', 'form.subnetIds', 64, 64),
    securityGroup,
    privateDns: boolean(f, 'privateDns', 'form.privateDns'),
    nameTag: string(f, 'nameTag', 'form.nameTag'),
    ...optional('branch', optionalString(f, 'branch', 'form.branch', 512)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
