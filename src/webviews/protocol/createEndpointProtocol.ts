// The messages between the Create Endpoint webview and its host, both ways, as discriminated
// unions. Every request from the webview carries a `requestId`; the host's answer repeats it, so
// the form can match answers to questions and drop stale ones. The webview starts with `ready`;
// the host answers with a full `snapshot`, which is also how a re-shown panel gets its data back.
// Types (and one constant) only: both the extension bundle and the browser bundle import it.
import type { ApplyProgress, ApplyResult, PreflightResult } from '../../aws/createEndpoint/applyTypes';
import type { CostEstimate, PlanStep } from '../../aws/createEndpoint/endpointPlan';
import type { EndpointFormInput, ValidationIssue } from '../../aws/createEndpoint/endpointRequest';
import type { EndpointServiceDetails, SecurityGroupSummary, SubnetSummary, VpcDnsAttributes, VpcSummary } from '../../aws/types';
import type { ActionDoneMessage, ReadyMessage, RejectedMessage } from './sharedMessages';

/** The webview's viewType; the panel's identity for VS Code (and for serializers later). */
export const CREATE_ENDPOINT_VIEW_TYPE = 'planetscalePrivateLink.createEndpoint';

/** The plan's exports, and the removal commands of whatever a failed or stopped run left. */
export type ExportFormat = 'cli' | 'terraform' | 'cleanup';

/** Commands the form may ask for by name; anything else is refused by the host. */
export type FormAction = 'signIn' | 'writeConnectionString' | 'showLog' | 'refreshVpcs' | 'resumeCreation';

// ---------------------------------------------------------------------------------------------
// Webview → host

export type WebviewToHostMessage =
  | ReadyMessage
  /** Switch the AWS profile and/or region the form works in; answered with a new `snapshot`. */
  | { type: 'changeContext'; requestId: number; profile: string; region: string }
  /** "Verify service": DescribeVpcEndpointServices for the name. Answered by `serviceVerified`. */
  | { type: 'verifyService'; requestId: number; serviceName: string }
  /** The user picked a VPC: load its subnets, groups, DNS attributes, endpoints. Answered by `vpcLoaded`. */
  | { type: 'selectVpc'; requestId: number; vpcId: string }
  /** Turn on enableDnsSupport + enableDnsHostnames, after the host's own confirmation. Answered by `vpcLoaded`. */
  | { type: 'enableVpcDns'; requestId: number; vpcId: string }
  /** Validate with the host's facts and build the plan. Answered by `planned`. */
  | { type: 'plan'; requestId: number; form: EndpointFormInput }
  /** Dry run, then apply. Streams `progress`, ends with `createFinished`. */
  | { type: 'create'; requestId: number; form: EndpointFormInput }
  /** Stop waiting for the running create (never deletes anything). Answered by `actionDone`. */
  | { type: 'cancel'; requestId: number }
  /** Copy the last plan's export to the clipboard (the host copies its own text). */
  | { type: 'copyExport'; requestId: number; format: ExportFormat }
  | { type: 'openExport'; requestId: number; format: ExportFormat }
  | { type: 'runAction'; requestId: number; action: FormAction };

export type WebviewToHostType = WebviewToHostMessage['type'];

// ---------------------------------------------------------------------------------------------
// Host → webview

/** An error as the form shows it: plain words, the fix, and what the user can do next. */
export interface ErrorView {
  message: string;
  fix?: string;
  code?: string;
  /** The form field to show it next to. */
  field?: string;
  /** Credentials expired or missing: show "Sign in again". */
  signIn?: boolean;
  /** For a denied call: the IAM action to grant. */
  iamAction?: string;
}

export type VpcView = Pick<VpcSummary, 'id' | 'name' | 'cidrBlock' | 'cidrBlocks' | 'isDefault'>;

/** An endpoint already in the VPC (for the "already has an endpoint" warning). */
export interface ExistingEndpointView {
  id: string;
  name?: string;
  serviceName: string;
  state: string;
  privateDnsEnabled: boolean;
  tags: Record<string, string>;
}

export interface VpcDetailsView {
  vpc: VpcView;
  dns: VpcDnsAttributes;
  subnets: Array<Pick<SubnetSummary, 'id' | 'vpcId' | 'availabilityZone' | 'cidrBlock' | 'name' | 'availableIpAddressCount'>>;
  securityGroups: Array<Pick<SecurityGroupSummary, 'id' | 'name' | 'description' | 'vpcId' | 'tags' | 'ingress'>>;
  /** Interface endpoints of the VPC, any service (the form filters by the chosen one). */
  endpoints: ExistingEndpointView[];
}

export type ServiceView = Pick<
  EndpointServiceDetails,
  'serviceName' | 'availabilityZones' | 'privateDnsName' | 'privateDnsNames' | 'acceptanceRequired' | 'serviceType' | 'owner'
>;

/** Where the form was opened from; decides the prefill and the branch tag. */
export type FormOrigin =
  | { kind: 'palette' }
  | { kind: 'vpc'; vpcId: string }
  | { kind: 'branch'; organization: string; database: string; branch: string; privateHost?: string };

/** Values the host suggests for an empty form (the webview's saved values win over these). */
export interface FormPrefill {
  serviceName?: string;
  vpcId?: string;
  nameTag?: string;
}

export interface PlanView {
  steps: PlanStep[];
  cost: CostEstimate;
  fingerprint: string;
  acceptanceRequired: boolean;
  privateDnsAfterAcceptance: boolean;
  exports: { cli: string; terraform: string };
}

export type CreatePhase = 'validating' | 'dryRun' | 'applying' | 'finished';

export type CreateOutcome =
  /** The form had errors; nothing was called. */
  | { kind: 'invalid'; issues: ValidationIssue[] }
  /** The dry run found missing permissions or blocking problems; nothing was created. */
  | { kind: 'preflightFailed'; preflight: PreflightResult; message: string }
  /** Apply ran: succeeded, failed (with what was undone / left), or stopped waiting. */
  | { kind: 'applied'; result: ApplyResult }
  /** Something failed outside apply's own reporting (credentials, network before the first step). */
  | { kind: 'error'; error: ErrorView }
  /**
   * A run from before a window reload, as the host found it again: the endpoint it made (and its
   * state now), or, while its record of a creation in progress remains, an interrupted run to resume.
   */
  | { kind: 'revived'; interrupted: boolean; message: string; endpointId?: string; state?: string; fingerprint?: string };

export interface RunView {
  requestId: number;
  phase: CreatePhase;
  events: ApplyProgress[];
  outcome?: CreateOutcome;
  /** Set once the user asked to stop waiting. */
  cancelRequested: boolean;
}

/** Everything the host knows that the form shows; sent whole on `ready` and after context changes. */
export interface HostSnapshot {
  profile: string;
  region: string;
  profiles: string[];
  regions: string[];
  origin: FormOrigin;
  prefill: FormPrefill;
  /** `<org>/<db>/<branch>` tagged on the resources, when opened from a branch. */
  branch?: string;
  /** Private host of the branch, for the success message. */
  privateHost?: string;
  vpcs?: VpcView[];
  vpcsError?: ErrorView;
  service?: ServiceView;
  serviceError?: ErrorView;
  vpcDetails?: VpcDetailsView;
  vpcDetailsError?: ErrorView;
  plan?: PlanView;
  run?: RunView;
}

export type HostToWebviewMessage =
  | { type: 'snapshot'; requestId?: number; state: HostSnapshot }
  | { type: 'serviceVerified'; requestId: number; service?: ServiceView; error?: ErrorView }
  | { type: 'vpcLoaded'; requestId: number; details?: VpcDetailsView; error?: ErrorView }
  | { type: 'planned'; requestId: number; issues: ValidationIssue[]; plan?: PlanView }
  | { type: 'progress'; requestId: number; phase: CreatePhase; event?: ApplyProgress; message?: string }
  | { type: 'createFinished'; requestId: number; outcome: CreateOutcome }
  | ActionDoneMessage
  /** The host refused a message (unknown type, wrong field types). */
  | RejectedMessage;

export type HostToWebviewType = HostToWebviewMessage['type'];
