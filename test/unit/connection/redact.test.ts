import assert from 'node:assert/strict';
import { MASK, createRedactor, redactAwsServiceText, redactCredentialProcessOutput } from '../../../src/connection/redact';
import { SecretRedactor } from '../../../src/services/secretRedactor';

const lowerHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

describe('connection/redact: the one redactor', () => {
  const secret = 'p@ss w/rd:"quoted"\\é+1';
  const redact = createRedactor([secret]);

  it('masks percent-encoded forms with upper- or lower-case hex and "+" for spaces', () => {
    const encoded = encodeURIComponent(secret);
    for (const form of [encoded, lowerHex(encoded), new URLSearchParams({ s: secret }).toString().slice(2), encoded.replace(/%20/g, '+'), lowerHex(encoded).replace(/%20/g, '+')]) {
      const out = redact(`url?token=${form}&next=1`);
      assert.equal(out, `url?token=${MASK}&next=1`, `form ${form}`);
    }
  });

  it('masks JSON-escaped forms, also with \\u escapes for non-ASCII', () => {
    const json = JSON.stringify({ password: secret });
    assert.equal(redact(json), `{"password":"${MASK}"}`);
    const asciiJson = json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.equal(redact(asciiJson), `{"password":"${MASK}"}`);
    assert.equal(redact(JSON.stringify({ body: json })), `{"body":"{\\"password\\":\\"${MASK}\\"}"}`, 'JSON inside JSON');
  });

  it('masks a short secret where it stands alone, not inside other words', () => {
    const short = createRedactor(['ab1']);
    assert.equal(short('postgres://u:ab1@h/db'), `postgres://u:${MASK}@h/db`);
    assert.equal(short('{"password":"ab1"}'), `{"password":"${MASK}"}`);
    assert.equal(short('password ab1 rejected'), `password ${MASK} rejected`);
    assert.equal(short('tab1e and xab1'), 'tab1e and xab1');
  });

  it('masks a long secret wherever it appears', () => {
    assert.equal(createRedactor(['Sup3rSecretValue'])('xxSup3rSecretValueyy'), `xx${MASK}yy`);
  });

  it('masks what a failed credential_process wrote to stderr, keeps the command and the stack', () => {
    const stack = 'CredentialsProviderError: Command failed: /usr/local/bin/issue-creds --profile dev\nerror: token AKIAIOSFODNN7EXAMPLE refused: secret=abc123\n\n    at resolveProcessCredentials (index.js:10:5)';
    const out = redactCredentialProcessOutput(stack);
    assert.match(out, /^CredentialsProviderError: Command failed: \/usr\/local\/bin\/issue-creds --profile dev\n/);
    assert.doesNotMatch(out, /abc123|refused/);
    assert.match(out, /\n {4}at resolveProcessCredentials/);
    assert.doesNotMatch(redact(stack), /abc123|AKIAIOSFODNN7EXAMPLE/, 'the shared redactor applies it');
  });

  it('masks secret shapes nobody registered: AWS key ids, secret keys, PlanetScale tokens, URL passwords', () => {
    const none = createRedactor([]);
    const out = none('AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG "SecretAccessKey": "abc/def" pscale_tkn_abc123 postgresql://u:pw@h/db');
    assert.doesNotMatch(out, /IOSFODNN7EXAMPLE|wJalrXUtnFEMI|abc\/def|pscale_tkn_abc123|:pw@/);
  });

  it('masks AWS text with the same key-id pattern: role and user ids too, opaque blobs, encoded messages', () => {
    const aws = redactAwsServiceText('AROAEXAMPLEROLEID0001 as AIDAEXAMPLEUSERID0001: Encoded authorization failure message: abc.def token FQoGZXIvYXdzEJr//////////wEaDM1234567890abcdef');
    assert.doesNotMatch(aws, /EXAMPLEROLEID|EXAMPLEUSERID|abc\.def|FQoGZXIvYXdzEJr/);
    assert.match(aws, /\[redacted key id\] as \[redacted key id\]: Encoded authorization failure message: \[redacted\]/);
    assert.doesNotMatch(createRedactor([])('assumed AROAEXAMPLEROLEID0001'), /EXAMPLEROLEID/);
  });
});

describe('services/SecretRedactor: the extension-wide registry', () => {
  it('masks every secret registered so far (trimmed) and ignores empty ones', () => {
    const registry = new SecretRedactor();
    registry.add(undefined);
    registry.add('');
    registry.add(' tokenValue-1234 ');
    registry.add('pw');
    assert.equal(registry.redact('a tokenValue-1234 b  tokenValue-1234  c'), `a ${MASK} b  ${MASK}  c`);
    assert.equal(registry.redact('user:pw@host and pwned'), `user:${MASK}@host and pwned`);
  });
});
