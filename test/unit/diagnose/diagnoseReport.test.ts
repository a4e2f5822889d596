import assert from 'node:assert/strict';
import { renderDiagnoseReport } from '../../../src/diagnose/diagnoseReport';
import type { DiagnoseResult } from '../../../src/diagnose/diagnoseTypes';

const password = 'pscale_pw_S3cr3t/with:odd@chars';
const result: DiagnoseResult = {
  endpointId: 'vpce-0e1',
  region: 'us-east-1',
  vpcId: 'vpc-0a',
  privateHost: 'abc.private-pg.psdb.cloud',
  client: { securityGroupIds: ['sg-app'], cidrs: ['10.0.3.50/32'] },
  startedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 1234,
  checks: [
    { id: 'endpointState', title: 'Endpoint state', status: 'pass', summary: 'The endpoint is available.', evidence: ['vpce-0e1: state available'] },
    {
      id: 'securityGroups',
      title: 'Security groups',
      status: 'fail',
      summary: 'No rule allows inbound tcp 6432.',
      evidence: ['inbound tcp 6432 on sg-e: no matching rule', `tried postgresql://u:${encodeURIComponent(password)}@10.0.1.10:6432/postgres`],
      fix: { description: 'Allow inbound tcp 6432 from sg-app on sg-e.', cliCommand: 'aws ec2 authorize-security-group-ingress --region us-east-1 --group-id sg-e' },
    },
    { id: 'connectivity', title: 'Connections', status: 'warn', summary: `login with ${password} and token pscale_tkn_abcdef failed`, evidence: ['key AKIAABCDEFGHIJKLMNOP'] },
  ],
};

describe('renderDiagnoseReport', () => {
  const text = renderDiagnoseReport(result, { secrets: [password] });

  it('lists ids, overall status, each check with evidence and the fix command', () => {
    assert.match(text, /Endpoint: vpce-0e1 in us-east-1, VPC vpc-0a/);
    assert.match(text, /Client: sg-app, 10\.0\.3\.50\/32/);
    assert.match(text, /Overall: FAIL/);
    assert.match(text, /\[PASS\] 1\. Endpoint state: The endpoint is available\./);
    assert.match(text, /\[FAIL\] 2\. Security groups: .*\n {4}- inbound tcp 6432 on sg-e: no matching rule/);
    assert.match(text, / {6}\$ aws ec2 authorize-security-group-ingress --region us-east-1 --group-id sg-e/);
  });

  it('masks passwords (also URL-encoded), tokens and AWS key ids', () => {
    assert.ok(!text.includes(password));
    assert.ok(!text.includes(encodeURIComponent(password)));
    assert.ok(!text.includes('pscale_tkn_abcdef'));
    assert.ok(!text.includes('AKIAABCDEFGHIJKLMNOP'));
  });
});
