import assert from 'node:assert/strict';
import { envHeader, isEnvHeader } from '../../../src/commands/writeConnectionString/envHeader';
import { formatConnection } from '../../../src/connection/connectionFormats';
import { EnvEditError, EnvVar, planEnvEdit } from '../../../src/dotenv/dotenvEdit';
import { EnvValueError } from '../../../src/dotenv/dotenvQuote';
import { parseEnvFile } from '../../../src/dotenv/dotenvParse';
import { readWithDotenv, readWithDotenvExpand, readWithShell } from './readers';

const PASSWORD = 'p@ss:w/rd#1%$x';
const HEADER = 'PlanetScale Postgres over PrivateLink (acme/orders/main)';
const target = { host: 'br-7x2k9q.private-pg.psdb.cloud', user: 'pscale_api_abc.xyz123', password: PASSWORD, database: 'postgres', port: 'both' as const };

/** The lines whose key is not one of `keys`, with their exact bytes. */
function unrelatedLines(text: string, keys: string[]): string[] {
  return parseEnvFile(text).lines.filter((l) => !(l.entry && keys.includes(l.entry.key))).map((l) => l.text + l.eol);
}

describe('.env editing', () => {
  it('adds a group with a header at the end, keeping CRLF and the missing final newline', () => {
    const before = '# app\r\nexport NODE_ENV=production\r\nPORT=3000';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'postgresql://u:p@h:5432/db?sslmode=verify-full', secret: true }], { header: HEADER });
    assert.equal(plan.newText, `# app\r\nexport NODE_ENV=production\r\nPORT=3000\r\n\r\n# ${HEADER}\r\nDATABASE_URL='postgresql://u:p@h:5432/db?sslmode=verify-full'`);
    assert.deepEqual(plan.changes, [{ key: 'DATABASE_URL', kind: 'add', secret: true, occurrences: 0 }]);
    assert.equal(plan.changed, true);
  });

  it('creates a file from nothing with a final newline', () => {
    const plan = planEnvEdit('', [{ key: 'A', value: 'x' }], { header: 'h' });
    assert.equal(plan.newText, '# h\nA=x\n');
  });

  it('replaces a key in place, keeping export, spacing, inline comment and the line ending', () => {
    const before = 'A=1\nexport  DATABASE_URL = "old value" # keep me\r\nB=2\n';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'new', secret: false }]);
    assert.equal(plan.newText, 'A=1\nexport  DATABASE_URL = new # keep me\r\nB=2\n');
    assert.deepEqual(plan.changes, [{ key: 'DATABASE_URL', kind: 'replace', secret: false, occurrences: 1, oldValue: 'old value' }]);
  });

  it('leaves the file byte for byte when the values are already there, whatever their quoting', () => {
    const before = 'X=1\nDATABASE_URL="postgresql://u@h/db"\nPGPASSWORD=\'s3cret\'';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'postgresql://u@h/db' }, { key: 'PGPASSWORD', value: 's3cret', secret: true }]);
    assert.equal(plan.newText, before);
    assert.equal(plan.changed, false);
    assert.deepEqual(plan.changes.map((c) => [c.key, c.kind, 'oldValue' in c]), [['DATABASE_URL', 'unchanged', true], ['PGPASSWORD', 'unchanged', false]]);
  });

  it('never reports the old value of a secret', () => {
    const plan = planEnvEdit('PGPASSWORD=old-secret\n', [{ key: 'PGPASSWORD', value: 'new', secret: true }]);
    assert.deepEqual(plan.changes, [{ key: 'PGPASSWORD', kind: 'replace', secret: true, occurrences: 1 }]);
    assert.ok(!JSON.stringify(plan.changes).includes('old-secret'));
  });

  it('rewrites every duplicate of a key, so no stale password stays behind', () => {
    const plan = planEnvEdit('PGPASSWORD=a\nX=1\nPGPASSWORD=b\n', [{ key: 'PGPASSWORD', value: 'c', secret: true }]);
    assert.equal(plan.newText, 'PGPASSWORD=c\nX=1\nPGPASSWORD=c\n');
    assert.equal(plan.changes[0].occurrences, 2);
    assert.ok(plan.warnings.some((w) => w.key === 'PGPASSWORD' && /2 times/.test(w.message)));
  });

  it('adds new keys right after our existing ones, not at the end', () => {
    const before = 'A=1\nDATABASE_URL=old\nB=2\n';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'new' }, { key: 'DIRECT_URL', value: 'direct' }], { header: HEADER });
    assert.equal(plan.newText, 'A=1\nDATABASE_URL=new\nDIRECT_URL=direct\nB=2\n');
  });

  it('removes our own stale keys when asked, and only those', () => {
    const before = 'PGHOST=h\nPGPORT=5432\nKEEP=me\nPGPASSWORD=x\nDATABASE_URL=old';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'new' }], { managedKeys: ['PGHOST', 'PGPORT', 'PGPASSWORD', 'DATABASE_URL', 'NOT_THERE'] });
    assert.equal(plan.newText, 'KEEP=me\nDATABASE_URL=new');
    assert.deepEqual(plan.changes.map((c) => [c.key, c.kind]), [['DATABASE_URL', 'replace'], ['PGHOST', 'remove'], ['PGPORT', 'remove'], ['PGPASSWORD', 'remove']]);
  });

  it('puts new keys where the stale ones were when it replaces a whole group', () => {
    const before = 'A=1\n# ours\nPGHOST=h\nPGPASSWORD=x\nB=2\n';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'u' }], { managedKeys: ['PGHOST', 'PGPASSWORD'], header: HEADER });
    assert.equal(plan.newText, 'A=1\n# ours\nDATABASE_URL=u\nB=2\n');
  });

  it('follows the file\'s export style for new keys', () => {
    const plan = planEnvEdit('export A=1\nexport B=2\n', [{ key: 'C', value: '3' }]);
    assert.equal(plan.newText, 'export A=1\nexport B=2\n\nexport C=3\n');
  });

  it('keeps a space before an inline comment that followed the value directly', () => {
    const plan = planEnvEdit('K=old#comment\n', [{ key: 'K', value: 'a b' }]);
    assert.equal(plan.newText, "K='a b' #comment\n");
    assert.equal(readWithShell('bash', plan.newText, ['K']).K, 'a b');
  });

  it('replaces a multi-line value as a whole', () => {
    const plan = planEnvEdit('A=1\nCERT="line1\nline2"\nB=2\n', [{ key: 'CERT', value: 'one' }]);
    assert.equal(plan.newText, 'A=1\nCERT=one\nB=2\n');
  });

  it('rejects bad names and unwritable values, naming the key', () => {
    assert.throws(() => planEnvEdit('', [{ key: 'BAD-NAME', value: 'x' }]), (e: unknown) => e instanceof EnvEditError && e.key === 'BAD-NAME');
    assert.throws(() => planEnvEdit('', [{ key: 'A', value: '1' }, { key: 'A', value: '2' }]), EnvEditError);
    assert.throws(() => planEnvEdit('', [{ key: 'PGPASSWORD', value: `it's $x`, secret: true }]), (e: unknown) => e instanceof EnvValueError && e.key === 'PGPASSWORD');
  });

  describe('a tricky existing file, read back by the real readers', () => {
    const before = [
      '\uFEFF# Settings for the app',
      'export NODE_ENV=development',
      '',
      "SINGLE='keeps $HOME and # literally' # comment",
      'DOUBLE="tab\\there" ',
      'HASHY=abc#tail',
      'QUOTES=`it\'s "fine"`',
      'DATABASE_URL="postgresql://old:old@localhost/db"',
      'DUP=first',
      'DUP=second',
      '# trailing comment',
      'LAST=no-newline',
    ].join('\r\n');
    const nodeVars = formatConnection('node-postgres', { ...target, caFile: '/etc/ssl/certs/sandbox ca.pem' }).variables;
    const envVars = formatConnection('libpq-env', { ...target, password: 'pscale_pw_$Ab~c!' }).variables;
    const vars: EnvVar[] = [...nodeVars, ...envVars];
    const plan = planEnvEdit(before, vars, { header: HEADER });
    const keys = vars.map((v) => v.key);

    it('changes nothing but our keys', () => {
      assert.deepEqual(unrelatedLines(plan.newText, keys).filter((l) => l !== `# ${HEADER}\r\n` && l !== '\r\n'), unrelatedLines(before, keys).filter((l) => l !== '\r\n'));
      assert.ok(plan.newText.startsWith('\uFEFF# Settings for the app\r\nexport NODE_ENV=development\r\n\r\nSINGLE='));
      assert.ok(!plan.newText.includes('\n\n') && plan.newText.split('\n').length === plan.newText.split('\r\n').length, 'CRLF only');
      assert.ok(!plan.newText.endsWith('\n'), 'still no final newline');
    });

    it('dotenv reads our exact values and the same values as before for every other key', () => {
      const after = readWithDotenv(plan.newText);
      const old = readWithDotenv(before);
      for (const v of vars) assert.equal(after[v.key], v.value, v.key);
      for (const [k, value] of Object.entries(old)) if (!keys.includes(k)) assert.equal(after[k], value, k);
      assert.deepEqual(readWithDotenv(plan.newText, true), after, 'the fast parser agrees');
    });

    it('dotenv-expand reads the URLs exactly ($ in the password is percent-encoded there)', () => {
      const expanded = readWithDotenvExpand(plan.newText);
      for (const v of nodeVars) assert.equal(expanded[v.key], v.value, v.key);
      assert.ok(plan.warnings.some((w) => w.key === 'PGPASSWORD' && /dotenv-expand/.test(w.message)), 'PGPASSWORD with $Ab is flagged for dotenv-expand');
      assert.ok(!plan.warnings.some((w) => w.key === 'DATABASE_URL'));
    });

    it('a shell\'s source reads our exact values', () => {
      // The user's backtick line is not shell syntax (a shell would run it): leave it out here.
      const withoutBom = plan.newText.slice(1).replace(/\r\n/g, '\n').replace(/^QUOTES=.*\n/m, '');
      const shell = readWithShell('bash', withoutBom, keys);
      for (const v of vars) assert.equal(shell[v.key], v.value, v.key);
    });

    it('re-running with the same values is a no-op', () => {
      const again = planEnvEdit(plan.newText, vars, { header: HEADER });
      assert.equal(again.changed, false);
      assert.equal(again.newText, plan.newText);
      assert.ok(again.changes.every((c) => c.kind === 'unchanged'));
    });
  });
});

describe('.env editing: our header comment and line endings (issue 13, items 3 and 5)', () => {
  const ours = isEnvHeader;
  const mainHeader = envHeader('acme/orders/main', 'node-postgres (pg)');
  const devHeader = envHeader('acme/orders/dev', 'node-postgres (pg)');

  it('rewrites our header above the keys it replaces, so it names the branch of the new values', () => {
    const before = `A=1\n\n# ${mainHeader}\nDATABASE_URL=postgresql://main\nB=2\n`;
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'postgresql://dev' }], { header: devHeader, isOwnHeader: ours, managedKeys: ['DATABASE_URL'] });
    assert.equal(plan.newText, `A=1\n\n# ${devHeader}\nDATABASE_URL=postgresql://dev\nB=2\n`);
  });

  it('rewrites the header when a whole group of ours is swapped for other keys', () => {
    const before = `# ${mainHeader}\r\nPGHOST=h\r\nPGPASSWORD=p\r\nX=1\r\n`;
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'u' }], { header: devHeader, isOwnHeader: ours, managedKeys: ['PGHOST', 'PGPASSWORD'] });
    assert.equal(plan.newText, `# ${devHeader}\r\nDATABASE_URL=u\r\nX=1\r\n`);
  });

  it('never touches a comment the user wrote above our key, nor our header when nothing changes', () => {
    const userComment = '# PlanetScale production database, ask Ana before changing';
    const before = `${userComment}\nDATABASE_URL=old\n`;
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'new' }], { header: devHeader, isOwnHeader: ours });
    assert.equal(plan.newText, `${userComment}\nDATABASE_URL=new\n`);
    const same = planEnvEdit(`# ${mainHeader}\nDATABASE_URL=new\n`, [{ key: 'DATABASE_URL', value: 'new' }], { header: devHeader, isOwnHeader: ours });
    assert.equal(same.changed, false);
  });

  it('adds lines with CR line endings to a CR-only file', () => {
    const before = '# app\rA=1\rB=2\r';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'u' }], { header: 'h' });
    assert.equal(plan.newText, '# app\rA=1\rB=2\r\r# h\rDATABASE_URL=u\r');
  });

  it('keeps the line ending of every line it does not change in a mixed file', () => {
    const before = 'A=1\r\nB=2\rDATABASE_URL=old\nC=3\r\nD=4\r';
    const plan = planEnvEdit(before, [{ key: 'DATABASE_URL', value: 'new' }, { key: 'DIRECT_URL', value: 'direct' }]);
    assert.equal(plan.newText, 'A=1\r\nB=2\rDATABASE_URL=new\nDIRECT_URL=direct\r\nC=3\r\nD=4\r');
  });
});
