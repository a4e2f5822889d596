// What the Create Endpoint page saved with vscode.setState, read back when VS Code restores the
// panel after a window reload (WebviewPanelSerializer). The state comes from the page, so it is read
// like any message (bounded readers, known fields, ids by their pattern) and only what the host
// needs travels on: where the form was opened from, its profile and region, the values the host
// prefills, and the reference of the last run. The page restores its own fields from the same state.
import { AWS_REGION_PATTERN } from '../../aws/awsNames';
import type { CreateEndpointTarget } from '../createEndpoint/openTarget';
import type { FormPrefill } from './createEndpointProtocol';
import { isRecord, MessageShapeError, oneOf, optionalString, record, requestId, type Fields } from './messageShape';

/** The run the page last started: its request id, the plan's fingerprint, the endpoint it made. */
export interface RunReference {
  requestId: number;
  fingerprint?: string;
  endpointId?: string;
}

export interface RevivedCreateForm {
  target: CreateEndpointTarget;
  profile?: string;
  region?: string;
  prefill: FormPrefill;
  run?: RunReference;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VPC_ID = /^vpc-[0-9a-f]+$/;
const ENDPOINT_ID = /^vpce-[0-9a-f]+$/;
const FINGERPRINT = /^pspl-[0-9a-f]{8,64}$/;
const REGION = new RegExp(AWS_REGION_PATTERN);

/** The host's part of the saved state; undefined when there is none or it does not read. */
export function parseRevivedCreateState(raw: unknown): RevivedCreateForm | undefined {
  if (!isRecord(raw) || !isRecord(raw.values)) return undefined;
  try {
    return readState(raw);
  } catch (err) {
    if (err instanceof MessageShapeError) return undefined;
    throw err;
  }
}

function readState(raw: Fields): RevivedCreateForm {
  const values = record(raw.values, 'values');
  const snapshot = raw.snapshot === undefined ? undefined : record(raw.snapshot, 'snapshot');
  const serviceName = optionalString(values, 'serviceName', 'values.serviceName', 512)?.trim();
  const vpcId = matching(values, 'vpcId', VPC_ID, 'values.vpcId');
  const nameTag = optionalString(values, 'nameTag', 'values.nameTag', 256);
  const profile = optionalString(snapshot ?? {}, 'profile', 'snapshot.profile', 256) || undefined;
  const region = matching(snapshot ?? {}, 'region', REGION, 'snapshot.region');
  const origin = snapshot?.origin === undefined ? undefined : record(snapshot.origin, 'snapshot.origin');
  const prefill: FormPrefill = { ...(serviceName ? { serviceName } : {}), ...(vpcId ? { vpcId } : {}), ...(nameTag ? { nameTag } : {}) };
  return {
    target: readTarget(origin, { serviceName, profile, region }),
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    prefill,
    ...(raw.run !== undefined ? { run: readRun(record(raw.run, 'run')) } : {}),
  };
}

function readTarget(origin: Fields | undefined, known: { serviceName?: string; profile?: string; region?: string }): CreateEndpointTarget {
  if (!origin) return { kind: 'palette' };
  const kind = oneOf(origin, 'kind', ['palette', 'vpc', 'branch'] as const, 'snapshot.origin.kind');
  if (kind === 'vpc') {
    const vpcId = matching(origin, 'vpcId', VPC_ID, 'snapshot.origin.vpcId');
    if (!vpcId) throw new MessageShapeError('snapshot.origin.vpcId is missing');
    return { kind: 'vpc', vpcId, ...(known.profile ? { profile: known.profile } : {}), ...(known.region ? { region: known.region } : {}) };
  }
  if (kind === 'branch') {
    const [organization, database, branch] = (['organization', 'database', 'branch'] as const).map((key) => {
      const value = matching(origin, key, NAME, `snapshot.origin.${key}`);
      if (!value) throw new MessageShapeError(`snapshot.origin.${key} is missing`);
      return value;
    });
    const privateHost = optionalString(origin, 'privateHost', 'snapshot.origin.privateHost', 256);
    return {
      kind: 'branch',
      organization,
      database,
      branch,
      ...(known.region ? { region: known.region } : {}),
      ...(known.serviceName ? { serviceName: known.serviceName } : {}),
      ...(privateHost ? { privateHost } : {}),
    };
  }
  return { kind: 'palette' };
}

function readRun(f: Fields): RunReference {
  const fingerprint = matching(f, 'fingerprint', FINGERPRINT, 'run.fingerprint');
  const endpointId = matching(f, 'endpointId', ENDPOINT_ID, 'run.endpointId');
  return { requestId: requestId(f), ...(fingerprint ? { fingerprint } : {}), ...(endpointId ? { endpointId } : {}) };
}

/** An optional string that, when present and not empty, must match `pattern`. */
function matching(f: Fields, key: string, pattern: RegExp, path: string): string | undefined {
  const value = optionalString(f, key, path, 256);
  if (!value) return undefined;
  if (!pattern.test(value)) throw new MessageShapeError(`${path} is not in the expected form`);
  return value;
}
