import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileFileError } from '../../../src/aws/awsErrors';
import { defaultProfileName, listProfiles, profileKindOf, resolveSharedFilePaths } from '../../../src/aws/profiles';

const FAKE_KEY_ID = 'AKIAFAKEFAKEFAKE0001';
const FAKE_SECRET = 'fakeSecretValueThatMustNeverAppear/1234567';

describe('aws/profiles', () => {
  let dir: string;
  let configFile: string;
  let credentialsFile: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aws-profiles-'));
    configFile = join(dir, 'config');
    credentialsFile = join(dir, 'credentials');
    env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, HOME: join(dir, 'home') };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists each profile kind with its region and source files', async () => {
    await writeFile(
      configFile,
      [
        '[default]',
        'region = us-east-1',
        '',
        '[profile base]',
        'region = eu-west-1',
        '',
        '[profile admin]',
        'role_arn = arn:aws:iam::123456789012:role/Admin',
        'source_profile = base',
        '',
        '[profile sso-dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        'region = us-west-2',
        '',
        '[profile legacy-sso]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        '',
        '[profile vault]',
        'credential_process = /usr/local/bin/vault-aws --json',
        '',
        '[profile webid]',
        'role_arn = arn:aws:iam::123456789012:role/Web',
        'web_identity_token_file = /var/run/token',
        '',
        '[profile empty]',
        'output = json',
        '',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
        '[services local]',
        'ec2 =',
        '  endpoint_url = http://127.0.0.1:1',
      ].join('\n'),
    );
    await writeFile(credentialsFile, ['[default]', `aws_access_key_id = ${FAKE_KEY_ID}`, `aws_secret_access_key = ${FAKE_SECRET}`, '', '[base]', `aws_access_key_id = ${FAKE_KEY_ID}`, `aws_secret_access_key = ${FAKE_SECRET}`].join('\n'));

    const listing = await listProfiles({ env });
    const byName = new Map(listing.profiles.map((p) => [p.name, p]));
    assert.deepEqual(
      listing.profiles.map((p) => [p.name, p.kind]),
      [
        ['admin', 'assumeRole'],
        ['base', 'static'],
        ['default', 'static'],
        ['empty', 'unknown'],
        ['legacy-sso', 'sso'],
        ['sso-dev', 'sso'],
        ['vault', 'credentialProcess'],
        ['webid', 'webIdentity'],
      ],
    );
    assert.equal(byName.get('default')?.region, 'us-east-1');
    assert.deepEqual(byName.get('default')?.sourceFiles, [configFile, credentialsFile]);
    assert.deepEqual(byName.get('vault')?.sourceFiles, [configFile]);
    assert.equal(byName.get('admin')?.sourceProfile, 'base');
    assert.equal(byName.get('admin')?.roleArn, 'arn:aws:iam::123456789012:role/Admin');
    assert.equal(byName.get('sso-dev')?.ssoSession, 'corp');
    assert.equal(byName.get('sso-dev')?.region, 'us-west-2');
    assert.equal(byName.get('legacy-sso')?.ssoSession, undefined);
    assert.equal(listing.defaultProfileName, 'default');
    assert.equal(listing.defaultProfileExists, true);
    assert.equal(listing.configFile, configFile);
    assert.equal(listing.credentialsFile, credentialsFile);
    assert.deepEqual(listing.warnings, []);
    // Listing is about names and kinds: no credential value may leak into it.
    assert.ok(!JSON.stringify(listing).includes(FAKE_SECRET));
    assert.ok(!JSON.stringify(listing).includes(FAKE_KEY_ID));
  });

  it('takes the default profile from AWS_PROFILE', async () => {
    await writeFile(configFile, '[profile work]\nregion = eu-west-1\n');
    const listing = await listProfiles({ env: { ...env, AWS_PROFILE: 'work' } });
    assert.equal(listing.defaultProfileName, 'work');
    assert.equal(listing.defaultProfileExists, true);
    assert.equal(defaultProfileName({ AWS_PROFILE: '  ' }), 'default');
    const without = await listProfiles({ env });
    assert.equal(without.defaultProfileName, 'default');
    assert.equal(without.defaultProfileExists, false);
  });

  it('returns an empty list, not an error, when neither file exists', async () => {
    const listing = await listProfiles({ env });
    assert.deepEqual(listing.profiles, []);
    assert.equal(listing.defaultProfileExists, false);
  });

  it('reads ~/.aws under HOME when the environment names no files', async () => {
    await mkdir(join(dir, 'home', '.aws'), { recursive: true });
    await writeFile(join(dir, 'home', '.aws', 'config'), '[profile homed]\nregion = ap-south-1\n');
    const listing = await listProfiles({ env: { HOME: join(dir, 'home') } });
    assert.deepEqual(listing.profiles.map((p) => [p.name, p.region]), [['homed', 'ap-south-1']]);
    assert.equal(resolveSharedFilePaths({ env: { HOME: '/h', AWS_CONFIG_FILE: '~/cfg' } }).configFile, '/h/cfg');
  });

  it('sees edits to the files on the next listing', async () => {
    await writeFile(configFile, '[profile one]\nregion = us-east-1\n');
    assert.deepEqual((await listProfiles({ env })).profiles.map((p) => p.name), ['one']);
    await writeFile(configFile, '[profile one]\nregion = us-east-1\n[profile two]\nregion = us-east-2\n');
    assert.deepEqual((await listProfiles({ env })).profiles.map((p) => p.name), ['one', 'two']);
  });

  it('rejects a malformed file with its path and line, without echoing values', async () => {
    await writeFile(credentialsFile, [`aws_secret_access_key = ${FAKE_SECRET}`, '[default]'].join('\n'));
    const err = await listProfiles({ env }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProfileFileError);
    assert.equal(err.filePath, credentialsFile);
    assert.equal(err.reason, 'malformed');
    assert.equal(err.line, 1);
    assert.match(err.message, /aws_secret_access_key.*before any \[section\]/);
    assert.ok(err.message.includes(credentialsFile));
    assert.ok(!err.message.includes(FAKE_SECRET));
  });

  it('rejects an unclosed section header and a line that is not a setting', async () => {
    await writeFile(configFile, '[profile ok]\nregion = us-east-1\n[profile broken\n');
    await assert.rejects(listProfiles({ env }), (e: unknown) => e instanceof ProfileFileError && e.line === 3 && /closing "\]"/.test(e.message));
    await writeFile(configFile, `[default]\nregion = us-east-1\n${FAKE_SECRET}\n`);
    await assert.rejects(
      listProfiles({ env }),
      (e: unknown) => e instanceof ProfileFileError && e.line === 3 && e.filePath === configFile && !e.message.includes(FAKE_SECRET),
    );
  });

  it('rejects an unreadable file (a directory) naming the path', async () => {
    await mkdir(configFile);
    await assert.rejects(
      listProfiles({ env }),
      (e: unknown) => e instanceof ProfileFileError && e.reason === 'unreadable' && e.filePath === configFile && /directory/.test(e.message),
    );
  });

  it('warns about sections the SDK ignores', async () => {
    await writeFile(configFile, '[work]\nregion = us-east-1\n');
    await writeFile(credentialsFile, `[profile creds]\naws_access_key_id = ${FAKE_KEY_ID}\naws_secret_access_key = ${FAKE_SECRET}\n`);
    const listing = await listProfiles({ env });
    // `[work]` in the config file is not a profile for the SDK, so it is not listed.
    assert.ok(!listing.profiles.some((p) => p.name === 'work'));
    assert.equal(listing.warnings.length, 2);
    assert.match(listing.warnings[0], /\[profile work\]/);
    assert.match(listing.warnings[1], /write \[creds\]/);
  });

  it('decides kinds in the SDK order', () => {
    assert.equal(profileKindOf({ role_arn: 'r', source_profile: 'b', aws_access_key_id: 'k', aws_secret_access_key: 's' }), 'assumeRole');
    assert.equal(profileKindOf({ role_arn: 'r', credential_source: 'Environment' }), 'assumeRole');
    assert.equal(profileKindOf({ role_arn: 'r', source_profile: 'b', credential_source: 'Environment' }), 'unknown');
    assert.equal(profileKindOf({ aws_access_key_id: 'k' }), 'unknown');
    assert.equal(profileKindOf({ credential_process: 'x', sso_session: 's' }), 'credentialProcess');
    assert.equal(profileKindOf({ login_session: 'arn' }), 'login');
  });
});
