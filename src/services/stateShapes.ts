// Validators for what the extension keeps in workspace and global state. Whatever is read back may
// have been written by an older version (or edited by hand): each validator returns the value in
// today's shape, or undefined, so a wrong shape is dropped rather than trusted. Pure (no vscode).
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import type { CreationInProgress } from '../aws/createEndpoint/interruptedCreation';
import type { ConsentRecord } from './credentialSettings';
import { CREDENTIAL_SETTINGS } from './credentialSettings';
import type { LastVerification } from './vantageMemory';
import type { VerifiedPrivatePath } from './verifiedPrivatePaths';

/** Reads a stored value in today's shape; undefined means "absent or not trusted". */
export type Validator<T> = (raw: unknown) => T | undefined;

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export const stringValue: Validator<string> = (raw) => (isString(raw) ? raw : undefined);
export const trueValue: Validator<true> = (raw) => (raw === true ? true : undefined);

/** A list keeps the entries that pass; anything but an array reads as absent. */
export function listOf<T>(item: Validator<T>): Validator<T[]> {
  return (raw) => (Array.isArray(raw) ? raw.flatMap((r) => { const v = item(r); return v === undefined ? [] : [v]; }) : undefined);
}

/** A map keeps the values that pass; anything but a plain object reads as absent. */
export function mapOf<T>(value: Validator<T>): Validator<Record<string, T>> {
  return (raw) => {
    if (!isObject(raw)) return undefined;
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(raw)) {
      const ok = value(v);
      if (ok !== undefined) out[k] = ok;
    }
    return out;
  };
}

/** Where Diagnose measures from, as chosen for a VPC. */
export const vantageChoice: Validator<'thisMachine' | 'instance'> = (raw) => (raw === 'thisMachine' || raw === 'instance' ? raw : undefined);

export const stringList: Validator<string[]> = (raw) => (Array.isArray(raw) && raw.every(isString) ? [...raw] : undefined);

function branchRef(raw: unknown): WatchedEndpoint['branch'] | null {
  if (raw === undefined) return undefined;
  return isObject(raw) && isString(raw.organization) && isString(raw.database) && isString(raw.branch)
    ? { organization: raw.organization, database: raw.database, branch: raw.branch }
    : null;
}

/** Copies the named string fields that are present; null when one is present but not a string. */
function strings(raw: Fields, keys: readonly string[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const k of keys) {
    if (raw[k] === undefined) continue;
    if (!isString(raw[k])) return null;
    out[k] = raw[k];
  }
  return out;
}

/** A watched (or created) endpoint: it must name what the watcher polls, and optional fields must be of their type. */
export const watchedEndpoint: Validator<WatchedEndpoint> = (raw) => {
  if (!isObject(raw)) return undefined;
  const { endpointId, profile, region, vpcId, serviceName } = raw;
  // Ids must be there to poll; a profile may be '' (credentials from the environment).
  if (![endpointId, region].every(isNonEmptyString) || ![profile, vpcId, serviceName].every(isString)) return undefined;
  const optional = strings(raw, ['securityGroupId', 'privateHost', 'createdAt', 'lastState']);
  const branch = branchRef(raw.branch);
  if (optional === null || branch === null || (raw.deleting !== undefined && typeof raw.deleting !== 'boolean')) return undefined;
  return {
    endpointId, profile, region, vpcId, serviceName, createdAt: '', ...optional,
    ...(branch ? { branch } : {}),
    ...(raw.deleting === true ? { deleting: true } : {}),
  } as WatchedEndpoint;
};

/** A creation in progress: without its fingerprint, VPC and service the leftovers cannot be found by tag. */
export const creationInProgress: Validator<CreationInProgress> = (raw) => {
  if (!isObject(raw)) return undefined;
  const { fingerprint, profile, region, vpcId, serviceName } = raw;
  if (![fingerprint, region, vpcId, serviceName].every(isNonEmptyString) || !isString(profile)) return undefined;
  const optional = strings(raw, ['groupName', 'startedAt', 'endpointId', 'securityGroupId', 'privateHost']);
  const branch = branchRef(raw.branch);
  if (optional === null || branch === null) return undefined;
  return {
    fingerprint, profile, region, vpcId, serviceName, startedAt: '', ...optional,
    privateDnsAfterAcceptance: raw.privateDnsAfterAcceptance === true,
    ...(branch ? { branch } : {}),
  } as CreationInProgress;
};

/** Which .env keys the extension wrote, per file URI. */
export const managedEnvKeys: Validator<Record<string, string[]>> = mapOf(stringList);

/** A verified private path: what was proven, from where (see verifiedPrivatePaths.ts). */
export const verifiedPrivatePath: Validator<VerifiedPrivatePath> = (raw) => {
  if (!isObject(raw)) return undefined;
  const { organization, database, branch, privateHost, verifiedAt, from, proven } = raw;
  if (![organization, database, branch, privateHost, verifiedAt].every(isNonEmptyString)) return undefined;
  if (!isObject(from) || from.vantage !== 'thisMachine' || !stringList(from.connectedTo) || (from.dnsServer !== undefined && !isString(from.dnsServer))) return undefined;
  if (!isObject(proven) || !stringList(proven.phases) || !Array.isArray(proven.ports) || !proven.ports.every((p) => Number.isInteger(p))) return undefined;
  return {
    organization, database, branch, privateHost, verifiedAt,
    from: { vantage: 'thisMachine', ...(isString(from.dnsServer) ? { dnsServer: from.dnsServer } : {}), connectedTo: [...(from.connectedTo as string[])] },
    proven: { phases: [...(proven.phases as string[])], ports: [...(proven.ports as number[])] },
  } as VerifiedPrivatePath;
};

/** The last verification of an endpoint from an instance inside its VPC. */
export const lastVerification: Validator<LastVerification> = (raw) => {
  if (!isObject(raw) || !isNonEmptyString(raw.instanceId) || !isNonEmptyString(raw.at) || typeof raw.pathProven !== 'boolean') return undefined;
  const proven = stringList(raw.proven);
  return proven ? { instanceId: raw.instanceId, at: raw.at, pathProven: raw.pathProven, proven } : undefined;
};

/** The user's answers on workspace settings that redirect credentials: only known settings, each tied to a value. */
export const consentRecord: Validator<ConsentRecord> = (raw) => {
  if (!isObject(raw)) return undefined;
  const out: ConsentRecord = {};
  for (const key of CREDENTIAL_SETTINGS) {
    const d = raw[key];
    if (isObject(d) && isString(d.value) && typeof d.allowed === 'boolean') out[key] = { value: d.value, allowed: d.allowed };
  }
  return out;
};

