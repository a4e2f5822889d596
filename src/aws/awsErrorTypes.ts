// What the AWS error classifier (awsErrors.ts) returns: plain data, so views and the main bundle
// can import it without the SDK.

export type AwsErrorKind =
  | 'noCredentials'
  | 'ssoExpired'
  | 'expiredToken'
  | 'accessDenied'
  | 'throttled'
  | 'network'
  | 'notFound'
  | 'invalidParameter'
  | 'profileConfig'
  | 'cancelled'
  | 'unknown';

export interface AwsErrorAction {
  label: string;
  kind: 'ssoLogin' | 'retry' | 'pickProfile' | 'openSettings';
  /** A shell command to run, e.g. `aws sso login --profile dev`. */
  command?: string;
}

export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  /** Plain-language, actionable, free of secrets. */
  message: string;
  action?: AwsErrorAction;
  /** For access denied: the IAM action to grant, e.g. `ec2:DescribeVpcEndpoints`. */
  iamAction?: string;
  /** The AWS error code or SDK error name, when there is one. */
  code?: string;
}
