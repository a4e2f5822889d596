import assert from 'node:assert/strict';
import { envValues, parseEnvFile, serializeEnvFile } from '../../../src/dotenv/dotenvParse';
import { readWithDotenv } from './readers';

const TRICKY = [
  '\uFEFF# App settings',
  '',
  'export NODE_ENV=production',
  'PLAIN = spaced value   # trailing comment',
  "SINGLE='it has # and $HOME inside'",
  'DOUBLE="line1\\nline2" # escapes become line breaks',
  'BACKTICK=`mixed \'both\' "quotes"`',
  'HASH=abc#not-kept',
  'EMPTY=',
  'MULTI="first',
  'second',
  'third"',
  'DUP=one',
  'not an assignment at all',
  '   INDENTED=yes',
  'COLON: style',
  "UNCLOSED='open quote",
  'DUP=two',
].join('\r\n');

describe('.env parsing', () => {
  it('serializes back to the exact bytes (BOM, CRLF, no final newline)', () => {
    assert.equal(serializeEnvFile(parseEnvFile(TRICKY)), TRICKY);
  });

  it('reads every value the way dotenv does', () => {
    const ours = Object.fromEntries(envValues(parseEnvFile(TRICKY)));
    assert.deepEqual(ours, readWithDotenv(TRICKY));
    assert.equal(ours.DUP, 'two', 'the last assignment wins');
    assert.equal(ours.MULTI, 'first\nsecond\nthird');
  });

  it('keeps each line\'s own ending, the BOM and the missing final newline', () => {
    const file = parseEnvFile('\uFEFFA=1\nB=2\r\nC=3');
    assert.equal(file.bom, true);
    assert.deepEqual(file.lines.map((l) => l.eol), ['\n', '\r\n', '']);
  });

  it('keeps a multi-line quoted value as one entry', () => {
    const file = parseEnvFile('A="x\ny"\nB=2\n');
    assert.deepEqual(file.lines.map((l) => [l.kind, l.entry?.key]), [['entry', 'A'], ['entry', 'B']]);
    assert.equal(file.lines[0].text, 'A="x\ny"');
  });

  it('knows the prefix, the value as written and the suffix of an entry', () => {
    const [line] = parseEnvFile("export  KEY = 'v a l' # note\n").lines;
    assert.deepEqual(
      { prefix: line.entry!.prefix, raw: line.entry!.rawValue, suffix: line.entry!.suffix, exported: line.entry!.exported, quote: line.entry!.quote },
      { prefix: 'export  KEY = ', raw: "'v a l'", suffix: ' # note', exported: true, quote: "'" },
    );
  });

  it('agrees with dotenv and round-trips on generated files', () => {
    const pieces = [
      '# comment', '', '   ', 'export A=1', 'B = two words # c', "C='q # x'", 'D="d\\ne"', 'E=`t`', "F='open",
      'G="multi', 'line"', 'H=x#y', 'I=', 'not assignment', "J='a\\'b'", 'K="esc \\" q"', 'L: colon', 'M=\'a\' trailing',
    ];
    const eols = ['\n', '\r\n', '\r'];
    let state = 42;
    const next = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 200; round++) {
      let text = round % 7 === 0 ? '\uFEFF' : '';
      const count = 1 + next(8);
      for (let i = 0; i < count; i++) text += pieces[next(pieces.length)] + (i < count - 1 || next(2) ? eols[next(eols.length)] : '');
      const file = parseEnvFile(text);
      assert.equal(serializeEnvFile(file), text, JSON.stringify(text));
      assert.deepEqual(Object.fromEntries(envValues(file)), readWithDotenv(text), JSON.stringify(text));
    }
  });
});
