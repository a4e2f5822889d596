import assert from 'node:assert/strict';
import { renderDiff } from '../../../src/dotenv/dotenvDiff';
import { planEnvEdit } from '../../../src/dotenv/dotenvEdit';

describe('.env diff preview', () => {
  it('is empty when nothing changes', () => {
    assert.equal(renderDiff('A=1\n', 'A=1\n'), '');
  });

  it('shows only the changed lines with a little context and line numbers', () => {
    const before = ['L1=1', 'L2=2', 'L3=3', 'TARGET=old', 'L5=5', 'L6=6', 'L7=7', ''].join('\n');
    const after = before.replace('TARGET=old', 'TARGET=new');
    assert.equal(renderDiff(before, after, { context: 1 }), [
      '--- a/.env', '+++ b/.env', '@@ -3,3 +3,3 @@', ' L3=3', '-TARGET=old', '+TARGET=new', ' L5=5',
    ].join('\n'));
  });

  it('masks secret values (a URL keeps everything but its password) and any known secret', () => {
    const password = 'p@ss:w/rd#1%$x';
    const url = `postgresql://app.user:${encodeURIComponent(password)}@h.private-pg.psdb.cloud:6432/postgres?sslmode=verify-full`;
    const before = 'PGPASSWORD=oldsecret\nNOTE=the password is p@ss:w/rd#1%$x\n';
    const plan = planEnvEdit(before, [
      { key: 'DATABASE_URL', value: url, secret: true },
      { key: 'PGPASSWORD', value: password, secret: true },
    ]);
    const diff = renderDiff(before, plan.newText, { secretKeys: ['DATABASE_URL', 'PGPASSWORD'], secrets: [password] });
    assert.ok(!diff.includes(password) && !diff.includes(encodeURIComponent(password)) && !diff.includes('oldsecret'), diff);
    assert.match(diff, /^-PGPASSWORD=••••••$/m);
    assert.match(diff, /^\+PGPASSWORD='••••••'$/m);
    assert.match(diff, /^\+DATABASE_URL='postgresql:\/\/app\.user:••••••@h\.private-pg\.psdb\.cloud:6432\/postgres\?sslmode=verify-full'$/m);
    assert.match(diff, /^ NOTE=the password is ••••••$/m, 'an unrelated line quoting the password is masked too');
  });

  it('merges nearby changes into one hunk and keeps far ones apart', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `K${i}=${i}`);
    const after = lines.map((l, i) => (i === 2 || i === 4 || i === 17 ? `${l}x` : l));
    const diff = renderDiff(lines.join('\n'), after.join('\n'), { context: 1 });
    assert.equal(diff.split('\n').filter((l) => l.startsWith('@@')).length, 2);
  });
});
