import assert from 'node:assert/strict';
import { consentQuestion, resolveCredentialSetting, withDecision, type ConsentRecord } from '../../../src/services/credentialSettings';

const USER = 'http://127.0.0.1:4566';
const EVIL = 'http://127.0.0.1:4999';

describe('workspace overrides of credential settings', () => {
  it('uses the user value while the workspace value is undecided, and reports the override', () => {
    const r = resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: EVIL, defaultValue: '' }, {});
    assert.equal(r.value, USER);
    assert.equal(r.decided, false);
    assert.equal(r.override?.workspaceDestination, '127.0.0.1:4999');
    assert.equal(r.override?.userDestination, '127.0.0.1:4566');
  });

  it('uses the workspace value only after the user agreed to exactly that value', () => {
    const pending = resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: EVIL }, {}).override!;
    const agreed = withDecision({}, [pending], true);
    assert.equal(resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: EVIL }, agreed).value, EVIL);
    // A changed value in the committed file is a new question.
    const changed = resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: 'https://elsewhere.example' }, agreed);
    assert.equal(changed.value, USER);
    assert.equal(changed.decided, false);
  });

  it('keeps the user value after a refusal, without asking again', () => {
    const pending = resolveCredentialSetting('planetscale.apiUrl', { defaultValue: 'https://api.planetscale.com/v1', workspaceValue: 'https://ps.example/v1' }, {}).override!;
    const refused = withDecision({}, [pending], false);
    const r = resolveCredentialSetting('planetscale.apiUrl', { defaultValue: 'https://api.planetscale.com/v1', workspaceValue: 'https://ps.example/v1' }, refused);
    assert.equal(r.value, 'https://api.planetscale.com/v1');
    assert.equal(r.decided, true);
  });

  it('a workspace value equal to the user value, or none, needs no question', () => {
    assert.deepEqual(resolveCredentialSetting('dns.server', { globalValue: '127.0.0.1:5353', workspaceValue: ' 127.0.0.1:5353 ' }, {}), { value: '127.0.0.1:5353' });
    assert.deepEqual(resolveCredentialSetting('dns.server', { globalValue: '127.0.0.1:5353' }, {}), { value: '127.0.0.1:5353' });
    assert.deepEqual(resolveCredentialSetting('tls.caFile', { defaultValue: '' }, {}), { value: '' });
  });

  it('a workspace value that empties the user value is an override too (it redirects to the defaults)', () => {
    const r = resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: '' }, {});
    assert.equal(r.value, USER);
    assert.equal(r.override?.workspaceDestination, 'AWS (amazonaws.com)');
  });

  it('prefers a folder value over the workspace value, as VS Code does', () => {
    const r = resolveCredentialSetting('tls.caFile', { workspaceValue: '/a.pem', workspaceFolderValue: '/b.pem' }, {});
    assert.equal(r.override?.workspaceValue, '/b.pem');
  });

  it('asks naming every host and what would go there, and a stored record of another value does not count', () => {
    const record: ConsentRecord = { 'aws.endpointUrl': { value: 'http://127.0.0.1:1', allowed: true } };
    const aws = resolveCredentialSetting('aws.endpointUrl', { globalValue: USER, workspaceValue: EVIL }, record).override!;
    const ps = resolveCredentialSetting('planetscale.apiUrl', { defaultValue: 'https://api.planetscale.com/v1', workspaceValue: 'https://ps.attacker.example/v1' }, record).override!;
    const q = consentQuestion([aws, ps]);
    assert.match(q.message, /AWS credentials to 127\.0\.0\.1:4999/);
    assert.match(q.message, /PlanetScale token to ps\.attacker\.example/);
    assert.match(q.detail, /planetscalePrivateLink\.aws\.endpointUrl = "http:\/\/127\.0\.0\.1:4999" in the workspace/);
    assert.match(q.detail, /instead of 127\.0\.0\.1:4566/);
  });
});
