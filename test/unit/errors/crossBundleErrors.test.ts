// The extension ships three bundles, each with its own copy of every error class. Here a second
// copy of a module stands in for another bundle: it is loaded afresh, so its classes are distinct
// from the ones this file imported, exactly as dist/features.js's classes are from dist/extension.js's.
import assert from 'node:assert/strict';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import type * as AwsErrorClasses from '../../../src/aws/awsErrorClasses';
import type * as ApiErrors from '../../../src/planetscale/apiErrors';
import { describeError } from '../../../src/services/errorDescriptions';
import { UserFacingError, isUserFacingError } from '../../../src/errors/userFacingError';
import type * as UserFacingErrors from '../../../src/errors/userFacingError';
import { VerifyInputError } from '../../../src/connection/verifyTypes';
import type * as VerifyTypes from '../../../src/connection/verifyTypes';
import type * as DotenvEdit from '../../../src/dotenv/dotenvEdit';
import type * as DiagnoseRequest from '../../../src/diagnose/diagnoseRequest';

/** A fresh copy of a module, as another bundle has it. */
function otherBundleCopy<T>(modulePath: string): T {
  const resolved = require.resolve(modulePath);
  const cached = require.cache[resolved];
  delete require.cache[resolved];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(resolved) as T;
  } finally {
    if (cached) require.cache[resolved] = cached;
  }
}

describe('errors crossing bundles keep their identity', () => {
  const other = otherBundleCopy<typeof UserFacingErrors>('../../../src/errors/userFacingError');
  const otherAws = otherBundleCopy<typeof AwsErrorClasses>('../../../src/aws/awsErrorClasses');
  const otherApi = otherBundleCopy<typeof ApiErrors>('../../../src/planetscale/apiErrors');

  it('the stand-in really is another copy: instanceof fails across it', () => {
    assert.notEqual(other.UserFacingError, UserFacingError);
    assert.equal(new other.UserFacingError('x') instanceof UserFacingError, false);
  });

  it('isUserFacingError recognises a UserFacingError of another bundle, with its actions', () => {
    const err = new other.UserFacingError('DNS failed for abc.private-pg.psdb.cloud. Nothing was written.', [{ label: 'Diagnose', command: 'planetscalePrivateLink.diagnose' }]);
    assert.equal(isUserFacingError(err), true);
    assert.deepEqual(describeError(err), { message: err.message, actions: [{ label: 'Diagnose', command: 'planetscalePrivateLink.diagnose' }] });
  });

  it('isUserFacingError refuses look-alikes: a plain Error named UserFacingError, a string, undefined', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'UserFacingError', actions: [] });
    assert.equal(isUserFacingError(lookAlike), false);
    assert.equal(isUserFacingError('UserFacingError'), false);
    assert.equal(isUserFacingError(undefined), false);
  });

  it('an AwsSettingsError of another bundle classifies as a settings problem with its own words', () => {
    const err = new otherAws.AwsSettingsError('endpointUrl', 'Invalid URL in the AWS endpoint URL setting: it must start with http:// or https://.');
    const c = classifyAwsError(err);
    assert.equal(c.kind, 'profileConfig');
    assert.equal(c.message, err.message);
    assert.equal(c.action?.kind, 'openSettings');
    const profile = classifyAwsError(new otherAws.AwsSettingsError('profile', 'No AWS profile chosen: choose a profile first.'));
    assert.equal(profile.action?.kind, 'pickProfile');
    assert.deepEqual(describeError(new otherAws.AwsSettingsError('profile', 'No AWS profile chosen.')).actions.map((a) => a.label), ['Choose AWS Profile']);
  });

  it('ProfileFileError and EndpointServiceNotFoundError of another bundle keep their messages', () => {
    const file = classifyAwsError(new otherAws.ProfileFileError('/home/u/.aws/config', 'malformed', 'a line without a section', 3));
    assert.equal(file.kind, 'profileConfig');
    assert.match(file.message, /^The AWS file \/home\/u\/\.aws\/config line 3: a line without a section/);
    const service = classifyAwsError(new otherAws.EndpointServiceNotFoundError('com.amazonaws.vpce.eu-west-1.vpce-svc-1', 'eu-west-1'));
    assert.equal(service.kind, 'notFound');
    assert.match(service.message, /vpce-svc-1 does not exist in eu-west-1/);
  });

  it('a PlanetScaleApiError of another bundle offers Set Service Token', () => {
    const err = new otherApi.PlanetScaleApiError('unauthorized', 401, 'unauthorized', 'PlanetScale rejected the service token (401).');
    assert.deepEqual(describeError(err), { message: err.message, actions: [{ label: 'Set Service Token', command: 'planetscalePrivateLink.signInPlanetScale' }] });
    const noInfo = new otherApi.BranchPrivateInfoUnavailableError('noPrivateConnection', 'Branch orders/dev has no private connection.');
    assert.deepEqual(describeError(noInfo), { message: noInfo.message, actions: [] });
  });

  it('input errors of the core show their own message, and a setting field offers that setting', () => {
    const err = new VerifyInputError('dns.server', 'The DNS server "x" is not an IP address. Fix the planetscalePrivateLink.dns.server setting.');
    assert.deepEqual(describeError(err), {
      message: err.message,
      actions: [{ label: 'Open Settings', command: 'workbench.action.openSettings', args: ['planetscalePrivateLink.dns.server'] }],
    });
    const host = describeError(new VerifyInputError('host', 'The private host is empty: pick a branch whose Private Host is known.'));
    assert.equal(host.message, 'The private host is empty: pick a branch whose Private Host is known.');
    assert.deepEqual(host.actions, []);
  });

  it('every core input error is one user-facing type: another bundle\'s copy keeps its message, field and Settings action', () => {
    const otherVerify = otherBundleCopy<typeof VerifyTypes>('../../../src/connection/verifyTypes');
    const otherEnv = otherBundleCopy<typeof DotenvEdit>('../../../src/dotenv/dotenvEdit');
    const otherDiagnose = otherBundleCopy<typeof DiagnoseRequest>('../../../src/diagnose/diagnoseRequest');
    const dns = new otherVerify.VerifyInputError('dns.server', 'The DNS server "x" is not an IP address. Fix the planetscalePrivateLink.dns.server setting.');
    assert.equal(dns instanceof VerifyInputError, false);
    assert.equal(isUserFacingError(dns), true);
    assert.deepEqual(describeError(dns).actions.map((a) => a.args), [['planetscalePrivateLink.dns.server']]);
    for (const err of [new otherEnv.EnvEditError('BAD-NAME', '"BAD-NAME" is not a valid variable name.'), new otherDiagnose.DiagnoseInputError('region', 'region: choose the region of the endpoint.')]) {
      assert.equal(isUserFacingError(err), true, err.name);
      assert.deepEqual(describeError(err), { message: err.message, actions: [] });
    }
  });

  it('an unexpected non-AWS error is not called an AWS request failure', () => {
    assert.deepEqual(describeError(new TypeError("Cannot read properties of undefined (reading 'id')")), {
      message: "Something went wrong: Cannot read properties of undefined (reading 'id')",
      actions: [],
    });
    const aws = Object.assign(new Error('Something odd happened'), { name: 'OddServiceError', $metadata: { httpStatusCode: 500 }, $fault: 'server' });
    assert.match(describeError(aws).message, /^The AWS request failed \(OddServiceError\): Something odd happened/);
  });
});
