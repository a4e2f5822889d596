// The credential side of the AWS error classifier: which codes mean missing, wrong or expired
// credentials, and the words for each kind of credential-provider failure. One list for the whole
// extension: the tree, the commands and the Create Endpoint form all ask here.
import { shellCommand } from './shellQuote';
import type { AwsErrorAction, AwsErrorKind, ClassifiedAwsError } from './awsErrorTypes';

/** What the caller knows about the failed call; makes the message specific. */
export interface AwsErrorContext {
  profile?: string;
  region?: string;
  /** `DescribeVpcEndpoints` or `ec2:DescribeVpcEndpoints`; read from the error when absent. */
  operation?: string;
  /** Set when EC2/STS were reached through an endpoint override (the sandbox). */
  endpointUrl?: string;
}

export const EXPIRED_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
export const BAD_CREDENTIAL_CODES: ReadonlySet<string> = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'OptInRequired',
]);
/** SDK errors raised before any request is sent, while resolving credentials or an SSO token. */
export const CREDENTIAL_PROVIDER_NAMES: ReadonlySet<string> = new Set(['CredentialsProviderError', 'TokenProviderError']);

const CREDENTIAL_KINDS: ReadonlySet<AwsErrorKind> = new Set<AwsErrorKind>(['noCredentials', 'ssoExpired', 'expiredToken']);

/** True for the kinds where signing in again (or other credentials) is the fix. */
export function isCredentialKind(kind: AwsErrorKind): boolean {
  return CREDENTIAL_KINDS.has(kind);
}

export const RETRY: AwsErrorAction = { label: 'Retry', kind: 'retry' };
export const PICK_PROFILE: AwsErrorAction = { label: 'Choose AWS profile', kind: 'pickProfile' };

export function profileLabel(context: AwsErrorContext): string {
  return context.profile ? `profile "${context.profile}"` : 'the selected profile';
}

export function classified(kind: AwsErrorKind, message: string, extra: Partial<ClassifiedAwsError> = {}): ClassifiedAwsError {
  return { kind, message, ...extra };
}

function ssoLogin(context: AwsErrorContext): AwsErrorAction {
  const command = context.profile ? shellCommand(['aws', 'sso', 'login', '--profile', context.profile]) : 'aws sso login';
  return { label: 'Sign in with AWS SSO', kind: 'ssoLogin', command };
}

/** Replaces "profile NAME" / "profile=NAME" / "[NAME]" references with a placeholder. */
function withoutProfileName(text: string, profile: string): string {
  const name = profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(profile[\\s=:]*\\[?)${name}(?![\\w-])`, 'gi'), '$1<profile>');
}

/** Credential-provider failures happen before any request is sent; their text tells them apart. */
export function classifyCredentialProviderError(message: string, code: string | undefined, context: AwsErrorContext): ClassifiedAwsError {
  // The SDK's messages name the profile; a profile called "sso-dev" must not read as an SSO error.
  const text = context.profile ? withoutProfileName(message, context.profile) : message;
  const who = profileLabel(context);
  if (/\bSSO\b|sso login|sso_session|sso_start_url/.test(text)) {
    if (/invalid SSO credentials|Conflicting SSO|sso_region|sso_start_url/i.test(text) && !/refresh/i.test(text)) {
      return classified('profileConfig', `The SSO settings of ${who} are incomplete or conflicting. Check sso_session, sso_account_id, sso_role_name and the [sso-session] section in the AWS config file.`, {
        action: PICK_PROFILE,
        code,
      });
    }
    return classified('ssoExpired', `The AWS SSO session of ${who} has expired or was never started. Sign in again, then retry.`, {
      action: ssoLogin(context),
      code,
    });
  }
  // A process that exits non-zero surfaces as child_process's "Command failed: <cmd>".
  if (/credential_process/i.test(text) || /^Command failed:/.test(text)) {
    if (/expired/i.test(text)) {
      return classified('expiredToken', `The credential_process of ${who} returned expired credentials. Renew them with the tool that issues them, then retry.`, {
        action: RETRY,
        code,
      });
    }
    const why = /invalid JSON/i.test(text)
      ? 'printed something that is not the expected JSON'
      : /Version 1/.test(text)
        ? 'did not print "Version": 1'
        : /invalid credentials/i.test(text)
          ? 'printed no AccessKeyId/SecretAccessKey'
          : 'failed to run (non-zero exit or command not found)';
    return classified('noCredentials', `The credential_process of ${who} ${why}. Run it in a terminal to see why, then retry.`, {
      action: RETRY,
      code,
    });
  }
  if (/cycle|Unsupported credential source|multi-factor|mfa/i.test(text)) {
    const why = /cycle/i.test(text)
      ? 'its source_profile chain loops back on itself'
      : /mfa|multi-factor/i.test(text)
        ? 'it needs an MFA code, which the extension cannot prompt for; use a profile with cached or SSO credentials'
        : 'its credential_source is not supported here (use Environment, Ec2InstanceMetadata or EcsContainer)';
    return classified('profileConfig', `AWS cannot use ${who}: ${why}.`, { action: PICK_PROFILE, code });
  }
  if (/token/i.test(text) && /expired/i.test(text)) {
    return classified('expiredToken', `The credentials of ${who} have expired. Refresh them, then retry.`, { action: RETRY, code });
  }
  return classified(
    'noCredentials',
    `No AWS credentials found for ${who}. Add keys, SSO or a credential_process for it in ~/.aws/config or ~/.aws/credentials, or choose another profile.`,
    { action: PICK_PROFILE, code },
  );
}
