// Systems Manager errors in plain language, next to awsErrors.ts (which handles EC2/STS and the
// network): each Run Command failure the probe can meet gets its own message naming the
// instance, the IAM action and resource, or the fix. Shape-only: never imports the SDK.
import { classifyAwsError, type AwsErrorContext } from './awsErrors';

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

function codeOf(err: unknown): string {
  const e = err as { name?: unknown; Code?: unknown; code?: unknown } | null | undefined;
  return String(e?.name ?? e?.Code ?? e?.code ?? '');
}

export function isSsmThrottling(err: unknown): boolean {
  return ['ThrottlingException', 'Throttling', 'TooManyRequestsException'].includes(codeOf(err))
    || (err as { $retryable?: { throttling?: boolean } } | undefined)?.$retryable?.throttling === true;
}

/** The user-facing error for an SSM API failure. */
export function classifySsmError(err: unknown, context: SsmErrorContext): SsmProbeError {
  const code = codeOf(err);
  const { instanceId, action } = context;
  const region = context.region ?? '<region>';
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
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
  if (isSsmThrottling(err)) {
    return new SsmProbeError('throttled', `Systems Manager is throttling ${action} for this account (${code || 'throttled'}). Wait a minute and verify again.`, code);
  }
  const classified = classifyAwsError(err, { ...context, operation: action });
  return new SsmProbeError('other', classified.message, code || undefined);
}
