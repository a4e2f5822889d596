// Shapes that flow out of preflight, apply and delete: progress events, results and the
// plain-language errors inside them. Type-only, so the form and the status bar can import them
// without loading the AWS SDK.
import type { EndpointState } from '../types';
import type { EndpointField } from './endpointRequest';
import type { PlanStepId } from './endpointPlan';

export type StepStatus = 'running' | 'done' | 'failed' | 'undoing' | 'undone' | 'skipped';

/** One progress event; the form, the log and the notification all render the same stream. */
export interface ApplyProgress {
  stepId: PlanStepId;
  status: StepStatus;
  message: string;
  /** The id of what the step created or is following (sg-…, vpce-…). */
  resourceId?: string;
}

/** An AWS error in plain language, with the fix. Never contains credentials. */
export interface FriendlyAwsError {
  /** EC2 error code (e.g. `InvalidParameter`) or SDK error name. */
  code: string;
  message: string;
  fix: string;
  /** The form field to show it next to, when the error is about one. */
  field?: EndpointField;
  /** For denied calls: the IAM action to grant, e.g. `ec2:CreateVpcEndpoint`. */
  iamAction?: string;
  /** Expired or missing credentials: the UI offers to sign in again. */
  credentials?: boolean;
  /** A shell command that fixes it, e.g. `aws sso login --profile dev`. */
  command?: string;
}

/** Something that exists in the account after a run that did not end as planned. */
export interface LeftBehindResource {
  kind: 'securityGroup' | 'vpcEndpoint';
  id: string;
  region: string;
  /** Why it is still there (e.g. "deleting it failed: …", "kept because you cancelled"). */
  reason: string;
  /** The AWS CLI command that removes it. */
  removeCommand: string;
}

export interface RemovedResource {
  kind: 'securityGroup' | 'vpcEndpoint';
  id: string;
}

export type ApplyResult =
  | {
      outcome: 'succeeded';
      endpointId: string;
      securityGroupId: string;
      state: EndpointState;
      /** The endpoint already existed from an earlier submit of the same form (ClientToken). */
      reusedEndpoint: boolean;
      /** The security group already existed from an earlier submit of the same form (tag). */
      reusedSecurityGroup: boolean;
      message: string;
    }
  | {
      outcome: 'failed';
      failedStepId: PlanStepId;
      error: FriendlyAwsError;
      /** What the undo removed, newest first. */
      undone: RemovedResource[];
      /** What could not be removed (or was not ours to remove), with the command to remove it. */
      leftBehind: LeftBehindResource[];
      message: string;
    }
  | {
      /** Cancelled while waiting, or waiting timed out: the endpoint is kept and still settling. */
      outcome: 'cancelled' | 'timedOut';
      endpointId?: string;
      securityGroupId?: string;
      state?: EndpointState;
      /** Cancelled before the endpoint existed: what was undone (the new security group). */
      undone: RemovedResource[];
      leftBehind: LeftBehindResource[];
      message: string;
    };

/** An offer the form can make next to a preflight problem. */
export type PreflightOffer =
  | { kind: 'useExistingEndpoint'; endpointId: string }
  | { kind: 'reuseSecurityGroup'; groupId: string }
  | { kind: 'enableVpcDns'; vpcId: string }
  | { kind: 'addIngressRules'; groupId: string; ports: number[] };

export interface PreflightProblem {
  /** A stable code for the UI (e.g. `ConflictingPrivateDns`, `UnauthorizedOperation`). */
  code: string;
  field?: EndpointField;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix: string;
  offer?: PreflightOffer;
  /** Missing or expired credentials (by the AWS error classifier): the form offers to sign in. */
  credentials?: boolean;
}

export interface DryRunCheck {
  /** IAM action checked, e.g. `ec2:CreateVpcEndpoint`. */
  action: string;
  outcome: 'allowed' | 'denied' | 'failed' | 'skipped';
  detail?: string;
}

export interface PreflightResult {
  /** No error-severity problem and no missing permission: creation may start. */
  ok: boolean;
  /** IAM actions the caller lacks, found by DryRun before anything exists. */
  missingPermissions: string[];
  problems: PreflightProblem[];
  dryRuns: DryRunCheck[];
  /** From DescribeVpcEndpointServices when the service was found. */
  acceptanceRequired?: boolean;
  serviceAvailabilityZones?: string[];
  /** subnet id → AZ, for the plan's cost. */
  subnetAvailabilityZones?: Record<string, string>;
  /** A security group this extension made for the same form earlier; apply will reuse it. */
  reusableSecurityGroupId?: string;
}

export type DeleteProgressStep = 'deleteEndpoint' | 'waitDeleted' | 'waitInterfacesGone' | 'deleteSecurityGroup';

export interface DeleteProgress {
  stepId: DeleteProgressStep;
  status: StepStatus;
  message: string;
  resourceId?: string;
}

export interface DeleteResult {
  outcome: 'deleted' | 'failed' | 'cancelled' | 'timedOut';
  endpointId: string;
  /** Last state seen; `deleted` also when the endpoint is gone from DescribeVpcEndpoints. */
  endpointState?: EndpointState;
  removed: RemovedResource[];
  leftBehind: LeftBehindResource[];
  error?: FriendlyAwsError;
  message: string;
}
