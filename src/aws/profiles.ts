// Lists the AWS profiles the user already has. Parsing is the SDK's (`loadSharedConfigFiles`);
// this module only decides each profile's kind the way the SDK's `fromIni` will, and reports
// files the SDK would silently ignore or half-read. It must stay free of @aws-sdk clients: the
// main bundle uses it to fill the profile picker.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { ProfileFileError, isProfileFileError } from './awsErrors';
import type { AwsProfile, ProfileKind, ProfileListing } from './types';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProfileSourceOptions {
  /** Environment for AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, HOME; process.env by default. */
  env?: Env;
  /** Explicit paths win over the environment. */
  configFile?: string;
  credentialsFile?: string;
}

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

/** The home directory the SDK would use for `~/.aws`. */
function homeDirOf(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  return homedir();
}

function expandHome(path: string, env: Env): string {
  const expanded = path.startsWith('~/') || path.startsWith('~\\') ? join(homeDirOf(env), path.slice(2)) : path;
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

/** Where the SDK will read the config and credentials files from, for this environment. */
export function resolveSharedFilePaths(options: ProfileSourceOptions = {}): SharedFilePaths {
  const env = options.env ?? process.env;
  const home = homeDirOf(env);
  return {
    configFile: expandHome(options.configFile ?? env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'), env),
    credentialsFile: expandHome(options.credentialsFile ?? env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), env),
  };
}

/** The profile the SDK uses when none is chosen: AWS_PROFILE, else `default`. */
export function defaultProfileName(env: Env = process.env): string {
  return env.AWS_PROFILE?.trim() || 'default';
}

/** Reads a shared file; absent → undefined, present but unusable → ProfileFileError. */
async function readSharedFile(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    if (text.includes('\u0000')) {
      throw new ProfileFileError(path, 'malformed', 'is not a text file (it contains NUL bytes).');
    }
    return text;
  } catch (err) {
    if (isProfileFileError(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read: permission denied. Make it readable by your user (chmod 600).'
        : code === 'EISDIR'
          ? 'is a directory, not a file. Point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a file.'
          : `cannot be read (${code ?? 'unknown error'}).`;
    throw new ProfileFileError(path, 'unreadable', why);
  }
}

const SAFE_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const CONFIG_SECTION_PREFIXES = ['profile ', 'sso-session ', 'services '];

/**
 * Finds lines the SDK's INI parser would drop without a word (it never fails on them), so the
 * user learns why a profile is missing. Messages name line numbers and key names, never values.
 */
function lintSharedFile(path: string, text: string, kind: 'config' | 'credentials'): { warnings: string[] } {
  const warnings: string[] = [];
  let inSection = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const line = raw.split(/(^|\s)[;#]/)[0].trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) {
        throw new ProfileFileError(path, 'malformed', 'a section header is missing its closing "]".', lineNo);
      }
      const section = line.slice(1, -1).trim();
      if (section === '' || section === '__proto__' || section === 'profile __proto__') {
        throw new ProfileFileError(path, 'malformed', 'the section header has no usable profile name.', lineNo);
      }
      if (kind === 'config' && section !== 'default' && !CONFIG_SECTION_PREFIXES.some((p) => section.startsWith(p))) {
        warnings.push(`${path} line ${lineNo}: [${section}] is ignored in the config file; write [profile ${section}].`);
      }
      if (kind === 'credentials' && section.startsWith('profile ')) {
        warnings.push(`${path} line ${lineNo}: in the credentials file write [${section.slice('profile '.length).trim()}], without "profile".`);
      }
      inSection = true;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) {
      throw new ProfileFileError(path, 'malformed', 'the line is neither a [section], a "key = value" setting nor a comment.', lineNo);
    }
    if (eq === 0) {
      throw new ProfileFileError(path, 'malformed', 'a setting has no name before "=".', lineNo);
    }
    const key = line.slice(0, eq).trim();
    const shownKey = SAFE_KEY.test(key) ? `"${key}"` : 'a setting';
    if (!inSection) {
      throw new ProfileFileError(path, 'malformed', `${shownKey} appears before any [section] header.`, lineNo);
    }
  }
  return { warnings };
}

/** The kind `fromIni` will resolve, checked in the SDK's own order. */
export function profileKindOf(settings: Readonly<Record<string, string | undefined>>): ProfileKind {
  const has = (k: string) => typeof settings[k] === 'string';
  if (has('role_arn') && (has('source_profile') !== has('credential_source'))) return 'assumeRole';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('role_arn') && has('web_identity_token_file')) return 'webIdentity';
  if (has('credential_process')) return 'credentialProcess';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(has)) return 'sso';
  if (has('login_session')) return 'login';
  return 'unknown';
}

function isProfileKeyOfConfig(key: string): boolean {
  return !key.startsWith('sso-session.') && !key.startsWith('services.');
}

/**
 * Lists the profiles of the shared config and credentials files. No files → an empty list.
 * A file that exists but cannot be read or parsed → ProfileFileError naming the file and line.
 */
export async function listProfiles(options: ProfileSourceOptions = {}): Promise<ProfileListing> {
  const env = options.env ?? process.env;
  const { configFile, credentialsFile } = resolveSharedFilePaths(options);
  const [configText, credentialsText] = await Promise.all([readSharedFile(configFile), readSharedFile(credentialsFile)]);
  const warnings = [
    ...(configText !== undefined ? lintSharedFile(configFile, configText, 'config').warnings : []),
    ...(credentialsText !== undefined ? lintSharedFile(credentialsFile, credentialsText, 'credentials').warnings : []),
  ];

  // ignoreCache: the SDK keeps file contents in a module cache; the user may have edited them.
  const parsed = await loadSharedConfigFiles({ configFilepath: configFile, filepath: credentialsFile, ignoreCache: true });
  const fromConfig = Object.entries(parsed.configFile).filter(([name]) => isProfileKeyOfConfig(name));
  const fromCredentials = Object.entries(parsed.credentialsFile);

  const merged = new Map<string, { settings: Record<string, string | undefined>; files: string[] }>();
  // Same precedence as the SDK's mergeConfigFiles: credentials file values win.
  for (const [file, entries] of [
    [configFile, fromConfig],
    [credentialsFile, fromCredentials],
  ] as const) {
    for (const [name, settings] of entries) {
      const entry = merged.get(name) ?? { settings: {}, files: [] };
      Object.assign(entry.settings, settings);
      if (!entry.files.includes(file)) entry.files.push(file);
      merged.set(name, entry);
    }
  }

  const profiles: AwsProfile[] = [...merged.entries()]
    .map(([name, { settings, files }]) => {
      const kind = profileKindOf(settings);
      const profile: AwsProfile = { name, kind, sourceFiles: files };
      if (settings.region) profile.region = settings.region;
      if (kind === 'assumeRole' || kind === 'webIdentity') {
        profile.roleArn = settings.role_arn;
        if (settings.source_profile) profile.sourceProfile = settings.source_profile;
      }
      if (kind === 'sso' && settings.sso_session) profile.ssoSession = settings.sso_session;
      return profile;
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const defaultName = defaultProfileName(env);
  return {
    profiles,
    defaultProfileName: defaultName,
    defaultProfileExists: merged.has(defaultName),
    configFile,
    credentialsFile,
    warnings,
  };
}
