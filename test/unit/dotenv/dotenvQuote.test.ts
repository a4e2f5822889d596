import assert from 'node:assert/strict';
import { EnvValueError, quoteEnvValue } from '../../../src/dotenv/dotenvQuote';
import { readWithDotenv, readWithDotenvExpand, readWithShell } from './readers';

/** A small deterministic generator, so a failure names a value that reproduces. */
function* randomValues(count: number, seed: number): Generator<string> {
  // No ( ; | < > in the alphabet: a quoting bug must not turn a test into a command.
  const alphabet = 'aZ09$#\'"\\`! =&?@:/%{}.-_+,~';
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 10);
    let value = '';
    for (let j = 0; j < length; j++) value += alphabet[Math.floor(next() * alphabet.length)];
    yield value;
  }
}

describe('.env value quoting', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'bare'],
    ['', 'bare'],
    ['pscale_pw_AbC123', 'bare'],
    ['postgresql://u:p%40ss@h.psdb.cloud:5432/postgres?sslmode=verify-full&sslrootcert=system', 'single'],
    ['p@ss:w/rd#1%$x', 'single'],
    ['has space', 'single'],
    ['~/home', 'single'],
    ["it's", 'double'],
  ];
  for (const [value, style] of cases) {
    it(`${JSON.stringify(value)} is written ${style}`, () => {
      assert.equal(quoteEnvValue('K', value).style, style);
    });
  }

  it('a URL with ? and & is single-quoted, so a shell does not start a background job at &', () => {
    const url = 'postgresql://u:p@h:5432/db?sslmode=verify-full&x=1';
    const text = `DATABASE_URL=${quoteEnvValue('DATABASE_URL', url).text}\n`;
    assert.equal(readWithShell('bash', text, ['DATABASE_URL']).DATABASE_URL, url);
    assert.equal(readWithDotenv(text).DATABASE_URL, url);
  });

  it('a $ followed by a name survives dotenv and a shell, and the dotenv-expand disagreement is reported', () => {
    const q = quoteEnvValue('PGPASSWORD', 'p@ss$HOME#1');
    assert.equal(q.text, "'p@ss$HOME#1'");
    assert.deepEqual(q.readers, { dotenv: true, dotenvExpand: false, compose: true, shell: true });
    const text = `PGPASSWORD=${q.text}\n`;
    assert.equal(readWithDotenv(text).PGPASSWORD, 'p@ss$HOME#1');
    assert.notEqual(readWithDotenvExpand(text).PGPASSWORD, 'p@ss$HOME#1', 'dotenv-expand does expand inside single quotes');
    assert.equal(readWithShell('bash', text, ['PGPASSWORD']).PGPASSWORD, 'p@ss$HOME#1');
  });

  it('refuses a value no quoting can carry for dotenv and a shell together', () => {
    assert.throws(() => quoteEnvValue('PGPASSWORD', `it's "x"`), (e: unknown) => e instanceof EnvValueError && e.key === 'PGPASSWORD' && !e.message.includes('it\'s'));
    assert.throws(() => quoteEnvValue('K', 'a\nb'), EnvValueError);
  });

  it('every reader it claims agrees really reads the exact value (dotenv both parsers, dotenv-expand, bash, dash)', () => {
    const accepted: Array<[string, string, ReturnType<typeof quoteEnvValue>]> = [];
    let refused = 0;
    let n = 0;
    for (const value of randomValues(400, 20260725)) {
      const key = `K${n++}`;
      try {
        accepted.push([key, value, quoteEnvValue(key, value)]);
      } catch (error) {
        assert.ok(error instanceof EnvValueError);
        assert.ok((value.includes("'") && /["$`\\]/.test(value)) || value.endsWith('\\'), `refused ${JSON.stringify(value)} without reason`);
        refused++;
      }
    }
    assert.ok(accepted.length > 300 && refused > 0, `${accepted.length} accepted, ${refused} refused`);
    const text = accepted.map(([key, , q]) => `${key}=${q.text}\n`).join('');
    const keys = accepted.map(([key]) => key);
    const viaDotenv = readWithDotenv(text);
    const viaFast = readWithDotenv(text, true);
    const viaBash = readWithShell('bash', text, keys);
    const viaDash = readWithShell('dash', text, keys);
    for (const [key, value, q] of accepted) {
      const label = `${JSON.stringify(value)} as ${q.text}`;
      assert.equal(viaDotenv[key], value, `dotenv: ${label}`);
      assert.equal(viaFast[key], value, `dotenv fast parser: ${label}`);
      assert.equal(viaBash[key], value, `bash: ${label}`);
      assert.equal(viaDash[key], value, `dash: ${label}`);
      // Expanded one at a time: a variable name in one value must not pick up another key.
      const expanded = readWithDotenvExpand(`${key}=${q.text}\n`)[key];
      assert.equal(expanded === value, q.readers.dotenvExpand, `dotenv-expand claim ${q.readers.dotenvExpand} for ${label}, read ${JSON.stringify(expanded)}`);
    }
  });
});
