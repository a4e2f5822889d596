import assert from 'node:assert/strict';
import { contextChoiceProblem } from '../../../src/webviews/createEndpoint/contextChoice';

const listed = { profiles: ['dev', 'prod'], regions: ['us-east-1', 'eu-west-1'], profile: 'dev', region: 'us-east-1' };

describe('Create Endpoint form: profile and region changes', () => {
  it('accepts what the form offered, and the current choice', () => {
    assert.equal(contextChoiceProblem({ profile: 'prod', region: 'eu-west-1' }, listed), undefined);
    assert.equal(contextChoiceProblem({ profile: 'from-setting', region: 'ap-south-1' }, { ...listed, profile: 'from-setting', region: 'ap-south-1' }), undefined);
  });

  it('refuses a profile that was not listed, as a crafted page would send it', () => {
    for (const profile of ['dev; calc', '$(id)', 'other', 'dev\nprod']) {
      assert.match(contextChoiceProblem({ profile, region: 'us-east-1' }, listed) ?? '', /is not one of the AWS profiles listed/, profile);
    }
    assert.match(contextChoiceProblem({ profile: ' ', region: 'us-east-1' }, listed) ?? '', /Choose an AWS profile/);
  });

  it('refuses a region that is malformed or was not offered', () => {
    assert.match(contextChoiceProblem({ profile: 'dev', region: 'us-east-1; rm' }, listed) ?? '', /is not an AWS region code/);
    assert.match(contextChoiceProblem({ profile: 'dev', region: 'ap-south-1' }, listed) ?? '', /ap-south-1 is not one of the regions offered \(us-east-1, eu-west-1\)/);
  });
});
