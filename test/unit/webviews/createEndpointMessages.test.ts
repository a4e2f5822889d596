import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/webviews/protocol/createEndpointMessages';

const form = () => ({
  region: 'us-east-1',
  serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  securityGroup: {
    mode: 'create',
    groupName: 'PScalePrivateLinkEndpointSG',
    sourceKind: 'securityGroups',
    sourceGroupIds: ['sg-0123456789abcdef0'],
    cidrs: [],
  },
  privateDns: true,
  nameTag: 'orders-main',
  branch: 'acme/orders/main',
});

function refused(raw: unknown): { reason: string; requestId?: number } {
  const parsed = parseWebviewMessage(raw);
  assert.equal(parsed.ok, false, `expected a refusal for ${JSON.stringify(raw)}`);
  return parsed as { ok: false; reason: string; requestId?: number };
}

describe('parseWebviewMessage (Create Endpoint protocol)', () => {
  it('accepts ready and each request type with its fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
    const verify = parseWebviewMessage({ type: 'verifyService', requestId: 3, serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1' });
    assert.deepEqual(verify, { ok: true, message: { type: 'verifyService', requestId: 3, serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1' } });
    const copy = parseWebviewMessage({ type: 'copyExport', requestId: 9, format: 'terraform' });
    assert.deepEqual(copy, { ok: true, message: { type: 'copyExport', requestId: 9, format: 'terraform' } });
    const action = parseWebviewMessage({ type: 'runAction', requestId: 10, action: 'signIn' });
    assert.deepEqual(action, { ok: true, message: { type: 'runAction', requestId: 10, action: 'signIn' } });
  });

  it('accepts a complete create form and returns it field for field', () => {
    const parsed = parseWebviewMessage({ type: 'create', requestId: 1, form: form() });
    assert.equal(parsed.ok, true);
    assert.deepEqual(parsed.ok && parsed.message, { type: 'create', requestId: 1, form: form() });
  });

  it('accepts the existing-group variant and keeps only its own fields', () => {
    const input = { ...form(), securityGroup: { mode: 'existing', groupId: 'sg-0123456789abcdef0', groupName: 'left over' } };
    const parsed = parseWebviewMessage({ type: 'plan', requestId: 2, form: input });
    assert.equal(parsed.ok, true);
    assert.deepEqual(parsed.ok && parsed.message.type === 'plan' && parsed.message.form.securityGroup, { mode: 'existing', groupId: 'sg-0123456789abcdef0' });
  });

  it('drops fields the protocol does not declare', () => {
    const parsed = parseWebviewMessage({ type: 'selectVpc', requestId: 4, vpcId: 'vpc-1', command: 'rm -rf /', __proto__x: 1 });
    assert.deepEqual(parsed, { ok: true, message: { type: 'selectVpc', requestId: 4, vpcId: 'vpc-1' } });
  });

  it('refuses anything that is not an object', () => {
    for (const raw of [null, undefined, 'ready', 42, ['ready']]) {
      assert.match(refused(raw).reason, /must be an object/);
    }
  });

  it('refuses unknown and missing types, keeping the request id for the answer', () => {
    const unknown = refused({ type: 'deleteEverything', requestId: 7 });
    assert.match(unknown.reason, /unknown message type "deleteEverything"/);
    assert.equal(unknown.requestId, 7);
    assert.match(refused({ requestId: 1 }).reason, /unknown message type/);
    // Inherited names are not message types.
    assert.match(refused({ type: 'toString', requestId: 1 }).reason, /unknown message type/);
    assert.match(refused({ type: 'constructor' }).reason, /unknown message type/);
  });

  it('refuses bad request ids', () => {
    for (const id of [undefined, 0, -1, 1.5, '1', Number.MAX_SAFE_INTEGER + 1]) {
      assert.match(refused({ type: 'cancel', requestId: id }).reason, /requestId must be a positive integer/);
    }
  });

  it('refuses wrong field types and names the field', () => {
    assert.match(refused({ type: 'verifyService', requestId: 1, serviceName: 5 }).reason, /serviceName must be a string, got a number/);
    assert.match(refused({ type: 'copyExport', requestId: 1, format: 'pdf' }).reason, /format must be one of cli, terraform/);
    assert.match(refused({ type: 'runAction', requestId: 1, action: 'workbench.action.terminal.new' }).reason, /action must be one of/);
    assert.match(refused({ type: 'create', requestId: 1 }).reason, /form must be an object/);
    assert.match(refused({ type: 'create', requestId: 1, form: { ...form(), privateDns: 'yes' } }).reason, /form\.privateDns must be true or false/);
    assert.match(refused({ type: 'create', requestId: 1, form: { ...form(), subnetIds: 'subnet-1' } }).reason, /form\.subnetIds must be a list of strings/);
    assert.match(refused({ type: 'create', requestId: 1, form: { ...form(), subnetIds: ['subnet-1', 2] } }).reason, /form\.subnetIds\[1\] must be a string/);
    assert.match(refused({ type: 'plan', requestId: 1, form: { ...form(), securityGroup: { mode: 'steal' } } }).reason, /form\.securityGroup\.mode must be one of create, existing/);
    assert.match(
      refused({ type: 'plan', requestId: 1, form: { ...form(), securityGroup: { ...form().securityGroup, sourceKind: 'everyone' } } }).reason,
      /form\.securityGroup\.sourceKind must be one of securityGroups, cidrs/,
    );
    assert.match(refused({ type: 'plan', requestId: 1, form: { ...form(), branch: 12 } }).reason, /form\.branch must be a string/);
  });

  it('refuses oversized strings and lists without echoing their contents', () => {
    const long = 'x'.repeat(5000);
    const reason = refused({ type: 'create', requestId: 1, form: { ...form(), nameTag: long } }).reason;
    assert.match(reason, /form\.nameTag is longer than 2048 characters/);
    assert.ok(!reason.includes('xxxx'));
    const many = Array.from({ length: 65 }, (_, i) => `subnet-${i}`);
    assert.match(refused({ type: 'create', requestId: 1, form: { ...form(), subnetIds: many } }).reason, /more than 64 entries/);
  });

  it('never echoes a wrong value in the reason', () => {
    const reason = refused({ type: 'verifyService', requestId: 1, serviceName: { secret: 'AKIAABCDEFGHIJKLMNOP' } }).reason;
    assert.ok(!reason.includes('AKIA'), reason);
    assert.match(reason, /got an object/);
  });
});
