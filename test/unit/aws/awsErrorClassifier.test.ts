// One classifier decides what an AWS error is; the tree, the notifications and the Create Endpoint
// form only add words. These tests hold the views to the classifier's decision.
import assert from 'node:assert/strict';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { classifyAwsError, isAccessDenied, isCredentialKind } from '../../../src/aws/awsErrors';
import { explainEc2Error } from '../../../src/aws/createEndpoint/awsErrorMessages';
import { preflightProblemOf } from '../../../src/aws/createEndpoint/preflight';
import { isCredentialProblem } from '../../../src/webviews/createEndpoint/errorViews';

function awsError(code: string, message = 'denied', httpStatusCode = 403): EC2ServiceException {
  const err = new EC2ServiceException({ name: code, $fault: 'client', $metadata: { httpStatusCode }, message });
  return Object.assign(err, { Code: code });
}

const DENIED_CODES = ['UnauthorizedOperation', 'Client.UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess'];

describe('aws error classification: one classifier for every view', () => {
  for (const code of DENIED_CODES) {
    it(`${code} reads the same in a notification and in the Create Endpoint form, naming the IAM action`, () => {
      const err = awsError(code);
      const classified = classifyAwsError(err, { profile: 'dev', region: 'us-east-1', operation: 'ec2:CreateVpcEndpoint' });
      const friendly = explainEc2Error(err, { operation: 'CreateVpcEndpoint', profile: 'dev', region: 'us-east-1' });
      assert.equal(classified.kind, 'accessDenied');
      assert.equal(isAccessDenied(err), true, 'the dry run counts it as denied');
      assert.equal(friendly.iamAction, 'ec2:CreateVpcEndpoint');
      assert.equal(classified.message, `${friendly.message} ${friendly.fix}`);
      assert.match(friendly.message, /^Your AWS identity \(profile "dev"\) is not allowed to create VPC endpoints \(ec2:CreateVpcEndpoint\) in us-east-1\.$/);
    });
  }

  const credentialFailures: Array<[string, EC2ServiceException | Error]> = [
    ...['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'AuthFailure', 'InvalidClientTokenId', 'IncompleteSignature', 'MissingAuthenticationToken', 'SignatureDoesNotMatch'].map(
      (code): [string, EC2ServiceException] => [code, awsError(code, 'credentials problem', 401)],
    ),
    ['CredentialsProviderError', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })],
    ['TokenProviderError', Object.assign(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login'), { name: 'TokenProviderError' })],
  ];
  for (const [code, err] of credentialFailures) {
    it(`${code} in a preflight offers to sign in again, as the classifier says`, () => {
      assert.equal(isCredentialKind(classifyAwsError(err).kind), true, classifyAwsError(err).kind);
      const problem = preflightProblemOf(explainEc2Error(err, { operation: 'DescribeVpcs', region: 'us-east-1' }));
      assert.equal(isCredentialProblem(problem), true, JSON.stringify(problem));
    });
  }

  it('throttling and a missing VPC are not credential problems', () => {
    for (const err of [awsError('RequestLimitExceeded', 'slow down', 503), awsError('InvalidVpcID.NotFound', 'no such VPC', 400)]) {
      assert.equal(isCredentialProblem(preflightProblemOf(explainEc2Error(err, { operation: 'DescribeVpcs' }))), false);
      assert.equal(isAccessDenied(err), false);
    }
  });
});
