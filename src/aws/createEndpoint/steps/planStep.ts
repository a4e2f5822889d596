// What one step of endpoint creation declares, in one place: how the plan describes it (with its
// AWS CLI form), its Terraform form, how it executes and how it is undone. Describing is pure, so
// the form builds and exports plans without the AWS SDK; executing gets its AWS calls through
// `StepRun.aws`, which applyPlan builds from the SDK (loaded lazily in the core bundle).
import type { EndpointState, SecurityGroupSummary } from '../../types';
import type { ApplyOptions } from '../applyPlan';
import type { ApplyProgress, FriendlyAwsError, LeftBehindResource, RemovedResource } from '../applyTypes';
import type { Ec2Operation } from '../awsErrorMessages';
import type { EndpointPlan, PlanStep, PlanStepId } from '../endpointPlan';
import type { EndpointRequest } from '../endpointRequest';
import type { Clock } from '../endpointWaiter';
import type { OwnResourceKind } from '../ownResources';
import type { ResourceTag } from '../resourceTags';
import type { StepAws } from './stepAws';

/** What a step's description may depend on: the request and what the plan decided about it. */
export interface PlanFrame {
  request: EndpointRequest;
  fingerprint: string;
  endpointTags: ResourceTag[];
  securityGroupTags: ResourceTag[];
  acceptanceRequired: boolean;
  privateDnsAfterAcceptance: boolean;
}

export type StepDescription = Omit<PlanStep, 'id'>;

export interface StepDone {
  message: string;
  resourceId?: string;
}

export interface UndoOutcome {
  removed?: RemovedResource;
  left?: LeftBehindResource;
}

export interface PlanStepModule {
  id: PlanStepId;
  /** Whether a plan for this request has the step. */
  isIn(frame: PlanFrame): boolean;
  describe(frame: PlanFrame): StepDescription;
  /** Terraform blocks for what the step makes (none for a step that only waits). */
  terraform?(plan: EndpointPlan): string[];
  /** A line the exported script prints after the step (the id it made). */
  scriptEcho?: string;
  execute(run: StepRun): Promise<StepDone>;
  /** Undo of a completed step; absent when there is nothing to remove. */
  undo?(run: StepRun): Promise<UndoOutcome>;
  /**
   * What is kept instead of undoing, when something left in the account depends on what this
   * step made (the group of an endpoint that could not be deleted); undefined: undo as usual.
   */
  keptFor?(run: StepRun, leftBehind: readonly LeftBehindResource[]): LeftBehindResource[] | undefined;
}

/** What the run has made or adopted so far; steps hand ids on to later steps through it. */
export interface RunState {
  securityGroupId?: string;
  /** True when this run (or an earlier submit of the same form) created the group. */
  ownsSecurityGroup: boolean;
  reusedSecurityGroup: boolean;
  existingIngress: SecurityGroupSummary['ingress'];
  endpointId?: string;
  reusedEndpoint: boolean;
  endpointState?: EndpointState;
  /** A create whose every attempt lost AWS's answer: the resource may exist; undo looks for it. */
  unconfirmed?: OwnResourceKind;
}

/** The run's options as the steps see them: the clock is settled. */
export type StepRunOptions = Omit<ApplyOptions, 'onProgress' | 'clock'> & { clock: Clock };

/** One run of a plan, as its steps see it. */
export interface StepRun {
  aws: StepAws;
  plan: EndpointPlan;
  state: RunState;
  options: StepRunOptions;
  emit(stepId: PlanStepId, status: ApplyProgress['status'], message: string, resourceId?: string): void;
  /**
   * Runs one EC2 call; its error becomes a StepStop in plain language. A create whose answer was
   * lost is marked unconfirmed, so undo looks for it by its tag.
   */
  call<T>(operation: Ec2Operation, send: () => Promise<T>): Promise<T>;
  /** An EC2 error in plain language, naming what this run has made so far. */
  explain(error: unknown, operation: Ec2Operation): FriendlyAwsError;
}

/** Why a step stopped the run. */
export class StepStop extends Error {
  constructor(
    readonly kind: 'failed' | 'cancelled' | 'timedOut' | 'lostTrack',
    readonly error: FriendlyAwsError,
  ) {
    super(error.message);
  }
}
