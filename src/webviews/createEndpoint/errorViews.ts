// Errors as the form shows them: plain words, the fix, and whether signing in again would help.
// Messages pass through the redactor before they reach the page.
import { classifyAwsError, isCredentialKind, type AwsErrorContext } from '../../aws/awsErrors';
import type { FriendlyAwsError, PreflightProblem } from '../../aws/createEndpoint/applyTypes';
import type { ErrorView } from '../protocol/createEndpointProtocol';

type Redact = (text: string) => string;

export function awsErrorView(err: unknown, context: AwsErrorContext, redact: Redact): ErrorView {
  const c = classifyAwsError(err, context);
  return {
    message: redact(c.message),
    ...(c.action?.command ? { fix: redact(`Run ${c.action.command}, then try again.`) } : {}),
    ...(c.code ? { code: c.code } : {}),
    ...(isCredentialKind(c.kind) ? { signIn: true } : {}),
    ...(c.iamAction ? { iamAction: c.iamAction } : {}),
  };
}

export function friendlyErrorView(error: FriendlyAwsError, redact: Redact): ErrorView {
  return {
    message: redact(error.message),
    ...(error.fix ? { fix: redact(error.fix) } : {}),
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.credentials ? { signIn: true } : {}),
    ...(error.iamAction ? { iamAction: error.iamAction } : {}),
  };
}

/** True when a preflight stopped on credentials (then the form offers to sign in again). */
export function isCredentialProblem(problem: Pick<PreflightProblem, 'credentials'>): boolean {
  return problem.credentials === true;
}
