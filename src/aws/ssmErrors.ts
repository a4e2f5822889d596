// Systems Manager errors in plain language, next to awsErrors.ts (which handles EC2/STS and the
// network): each Run Command failure the probe can meet gets its own message naming the
// instance, the IAM action and resource, or the fix. Shape-only: never imports the SDK.
import { awsErrorCode, classifyAwsError, type AwsErrorContext } from './awsErrors';

export type SsmFailureKind =
  | 'accessDenied' | 'notManaged' | 'unsupportedPlatform' | 'throttled' | 'undelivered'
  | 'executionTimedOut' | 'failed' | 'cancelled' | 'truncated' | 'noResult' | 'other';

/** A Run Command problem, already worded for the user. */
export class SsmProbeError extends Error {
  override readonly name = 'SsmProbeError';
  constructor(readonly kind: SsmFailureKind, message: string, readonly code?: string) {
    super(message);
  }
}

export interface SsmErrorContext extends AwsErrorContext {
  instanceId: string;
  /** `ssm:SendCommand` etc. */
  action: string;
}

/** Throttling as the one classifier knows it (its codes and the SDK's `$retryable` flag). */
export function isSsmThrottling(err: unknown): boolean {
  return classifyAwsError(err).kind === 'throttled';
}

/** The user-facing error for an SSM API failure. */
export function classifySsmError(err: unknown, context: SsmErrorContext): SsmProbeError {
  const code = awsErrorCode(err) ?? '';
  const { instanceId, action } = context;
  const region = context.region ?? '<region>';
  // What kind of failure it is, the one classifier decides; this module adds the SSM words.
  const classified = classifyAwsError(err, { ...context, operation: action });
  if (classified.kind === 'accessDenied') {
    const resources = action === 'ssm:SendCommand'
      ? `arn:aws:ec2:${region}:<account>:instance/${instanceId} and arn:aws:ssm:${region}::document/AWS-RunShellScript`
      : action === 'ssm:DescribeInstanceInformation' ? '*' : `the command on ${instanceId}`;
    return new SsmProbeError('accessDenied', `Your AWS identity may not call ${action} (AccessDenied). Allow ${action} on ${resources} in its IAM policy, or verify from inside the VPC.`, code);
  }
  if (code === 'InvalidInstanceId') {
    return new SsmProbeError('notManaged', `${instanceId} cannot take Systems Manager commands now: its SSM agent is not running or not registered, or the instance is not running. Pick an instance that Systems Manager shows as Online.`, code);
  }
  if (code === 'UnsupportedPlatformType') {
    return new SsmProbeError('unsupportedPlatform', `${instanceId} is not a Linux instance: the probe is a bash script (AWS-RunShellScript). Pick a Linux instance in the VPC.`, code);
  }
  if (classified.kind === 'throttled') {
    return new SsmProbeError('throttled', `Systems Manager is throttling ${action} for this account (${code || 'throttled'}). Wait a minute and verify again.`, code);
  }
  return new SsmProbeError('other', classified.message, code || undefined);
}
