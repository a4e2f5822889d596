// STS over the Query protocol (Version 2011-06-15): GetCallerIdentity, and
// DecodeAuthorizationMessage for the encoded messages of our UnauthorizedOperation errors.
import type { Identity } from './state';
import { xmlDocument } from './xml';
import type { QueryParams } from './queryProtocol';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_ACTIONS = new Set(['GetCallerIdentity', 'DecodeAuthorizationMessage']);

export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const ENCODED_PREFIX = 'sbx1.';

/** An opaque-looking message that DecodeAuthorizationMessage can turn back into the denied action. */
export function encodeAuthorizationMessage(identity: Identity, action: string, resource: string): string {
  const doc = {
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: identity.callerUserId, arn: identity.callerArn },
      action,
      resource,
      conditions: { items: [] },
    },
  };
  return ENCODED_PREFIX + Buffer.from(JSON.stringify(doc)).toString('base64url');
}

export function handleSts(action: string, params: QueryParams, identity: Identity, requestId: string): string {
  const result = (body: Record<string, string>): string =>
    xmlDocument(`${action}Response`, STS_NAMESPACE, {
      [`${action}Result`]: body,
      ResponseMetadata: { RequestId: requestId },
    });
  if (action === 'GetCallerIdentity') {
    return result({ Arn: identity.callerArn, UserId: identity.callerUserId, Account: identity.accountId });
  }
  if (action === 'DecodeAuthorizationMessage') {
    const encoded = params.get('EncodedMessage') ?? '';
    if (!encoded.startsWith(ENCODED_PREFIX)) throw new StsError('InvalidAuthorizationMessageException', 'The encoded message is not valid.');
    try {
      const decoded = Buffer.from(encoded.slice(ENCODED_PREFIX.length), 'base64url').toString('utf8');
      JSON.parse(decoded);
      return result({ DecodedMessage: decoded });
    } catch {
      throw new StsError('InvalidAuthorizationMessageException', 'The encoded message is not valid.');
    }
  }
  throw new StsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
}

export function stsErrorXml(code: string, message: string, requestId: string, status: number): string {
  return xmlDocument('ErrorResponse', STS_NAMESPACE, {
    Error: { Type: status >= 500 ? 'Receiver' : 'Sender', Code: code, Message: message },
    RequestId: requestId,
  });
}
