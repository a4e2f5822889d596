import assert from 'node:assert/strict';
import { ShownConfirmations } from '../../../src/lmTools/shownConfirmations';
import {
  GROUP_ID_RE,
  ToolInputError,
  VPC_ID_RE,
  asInput,
  inputFieldOf,
  optionalId,
  optionalIdList,
  optionalRegion,
  readPort,
  requiredText,
} from '../../../src/lmTools/toolInputChecks';

const refused = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(fn, (err: unknown) => err instanceof ToolInputError && err.field === field && message.test(err.message));

describe('tool input checks', () => {
  it('takes only a JSON object as the input', () => {
    assert.deepEqual(asInput({ a: 1 }), { a: 1 });
    for (const bad of [null, 'x', [1], 3]) refused(() => asInput(bad), 'input', /JSON object/);
  });

  it('names a missing or mistyped required field with an example', () => {
    refused(() => requiredText({}, 'database', 'orders'), 'database', /is required, e\.g\. "orders"/);
    refused(() => requiredText({ database: 42 }, 'database', 'orders'), 'database', /must be a string/);
    assert.equal(requiredText({ database: '  orders ' }, 'database', 'orders'), 'orders');
  });

  it('checks ids and regions against their AWS shapes', () => {
    assert.equal(optionalId({}, 'vpcId', VPC_ID_RE, 'vpc-…'), undefined);
    assert.equal(optionalId({ vpcId: 'vpc-0123456789abcdef0' }, 'vpcId', VPC_ID_RE, 'vpc-…'), 'vpc-0123456789abcdef0');
    refused(() => optionalId({ vpcId: 'vpc-; rm -rf /' }, 'vpcId', VPC_ID_RE, 'vpc-…'), 'vpcId', /is not valid/);
    assert.equal(optionalRegion({ region: 'eu-west-1' }), 'eu-west-1');
    refused(() => optionalRegion({ region: 'EU West' }), 'region', /looks like us-east-1/);
  });

  it('de-duplicates id lists and names the first bad entry', () => {
    assert.deepEqual(optionalIdList({ g: ['sg-0123456789abcdef0', ' sg-0123456789abcdef0'] }, 'g', GROUP_ID_RE, 'sg-…'), ['sg-0123456789abcdef0']);
    refused(() => optionalIdList({ g: ['sg-0123456789abcdef0', 'default'] }, 'g', GROUP_ID_RE, 'sg-…'), 'g', /"default" is not valid/);
    refused(() => optionalIdList({ g: 'sg-0123456789abcdef0' }, 'g', GROUP_ID_RE, 'sg-…'), 'g', /must be a list/);
  });

  it('accepts PlanetScale\'s two ports and both, nothing else', () => {
    assert.equal(readPort({}), 6432);
    assert.equal(readPort({ port: 5432 }), 5432);
    assert.equal(readPort({ port: '6432' }), 6432);
    assert.equal(readPort({ port: 'both' }), 'both');
    refused(() => readPort({ port: 3306 }), 'port', /6432 \(PSBouncer, pooled\), 5432 \(direct\) or "both"/);
  });

  it('names form fields as the tools\' inputs call them', () => {
    assert.equal(inputFieldOf('securityGroup.sourceGroupIds'), 'clientSecurityGroupIds');
    assert.equal(inputFieldOf('securityGroup.groupId'), 'existingSecurityGroupId');
    assert.equal(inputFieldOf('subnetIds'), 'subnetIds');
  });
});

describe('shown confirmations', () => {
  it('gives back what was shown for the same input, once', () => {
    const shown = new ShownConfirmations();
    shown.remember({ database: 'orders', vpcId: 'vpc-1' }, 'plan-a');
    assert.equal(shown.take({ database: 'orders', vpcId: 'vpc-2' }), undefined, 'another input was never confirmed');
    assert.equal(shown.take({ database: 'orders', vpcId: 'vpc-1' }), 'plan-a');
    assert.equal(shown.take({ database: 'orders', vpcId: 'vpc-1' }), undefined, 'a confirmation is used once');
  });
});
