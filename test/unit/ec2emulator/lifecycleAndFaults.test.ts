// Timed transitions on an injected clock, and fault settings, of the EC2 emulator.
import assert from 'node:assert/strict';
import { FaultController, validateFaults } from '../../../sandbox/ec2/faults';
import { Lifecycle } from '../../../sandbox/ec2/lifecycle';

describe('ec2emulator/lifecycle and faults', () => {
  it('applies transitions when the clock reaches them, in time order, and reports changes', () => {
    let now = 1000;
    let changes = 0;
    const lifecycle = new Lifecycle(() => now, () => changes++);
    const log: string[] = [];
    lifecycle.schedule('e1', 500, () => log.push('e1 available'));
    lifecycle.schedule('e2', 100, () => log.push('e2 available'));
    lifecycle.schedule('e3', 300, () => log.push('e3 never'));
    lifecycle.cancel('e3');
    assert.equal(lifecycle.advance(), false);
    now = 1100;
    assert.equal(lifecycle.advance(), true);
    assert.deepEqual(log, ['e2 available']);
    now = 2000;
    lifecycle.advance();
    assert.deepEqual(log, ['e2 available', 'e1 available']);
    assert.equal(changes, 2);
    lifecycle.close();
  });

  it('throttles exactly N calls, optionally only for named actions; the endpoint outcome is used once', () => {
    const faults = new FaultController();
    faults.set({ throttleNextCalls: 2, throttleActions: ['DescribeVpcs'] });
    assert.equal(faults.takeThrottle('DescribeSubnets'), false);
    assert.equal(faults.takeThrottle('DescribeVpcs'), true);
    assert.equal(faults.takeThrottle('DescribeVpcs'), true);
    assert.equal(faults.takeThrottle('DescribeVpcs'), false);
    faults.set({ denyActions: ['ec2:CreateVpcEndpoint'], nextEndpointOutcome: 'failed' });
    assert.equal(faults.isDenied('CreateVpcEndpoint'), true);
    assert.equal(faults.takeEndpointOutcome(), 'failed');
    assert.equal(faults.takeEndpointOutcome(), null);
    faults.clear();
    assert.equal(faults.isDenied('CreateVpcEndpoint'), false);
  });

  it('rejects unknown or malformed fault fields with their names', () => {
    assert.throws(() => validateFaults({ latencyMs: 'slow' }), /latencyMs/);
    assert.throws(() => validateFaults({ denyActions: 'CreateVpcEndpoint' }), /denyActions/);
    assert.throws(() => validateFaults({ gremlins: 3 }), /gremlins/);
    assert.throws(() => validateFaults([]), /JSON object/);
    assert.deepEqual(validateFaults({ denyActions: ['sts:GetCallerIdentity'], latencyMs: 5 }), { denyActions: ['GetCallerIdentity'], latencyMs: 5 });
  });
});
