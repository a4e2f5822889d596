// What Diagnose runs on, and how each kind of command argument names it: an endpoint tree item,
// a status-bar entry (a watched endpoint), a branch (whose endpoint is looked up), or nothing
// (the palette). Pure, so the argument handling is unit-tested without the editor.
import type { EndpointPayload } from '../../views/aws/awsNodes';
import type { WatchedEndpoint } from '../../aws/watch/watchedEndpoint';
import type { TargetView } from '../../webviews/protocol/diagnoseProtocol';

export interface BranchRef {
  organization: string;
  database: string;
  branch: string;
}

/** One endpoint to diagnose, with what is known about the branch it serves. */
export interface DiagnoseTarget {
  profile: string;
  region: string;
  endpointId: string;
  vpcId: string;
  serviceName?: string;
  /** The branch's Private Host: needed for the DNS answers check and the TLS name check. */
  privateHost?: string;
  branch?: BranchRef;
  /** The endpoint's Name tag, for titles. */
  name?: string;
}

/** A branch argument as the PlanetScale tree sends it (only the fields Diagnose reads). */
export interface BranchArgument extends BranchRef {
  kind: 'branch';
  production?: boolean;
  serviceName?: string;
  privateHost?: string;
  region?: string;
}

export type ParsedArgument =
  | { kind: 'target'; target: DiagnoseTarget }
  | { kind: 'branch'; branch: BranchArgument }
  | { kind: 'none' }
  | { kind: 'unsupported'; reason: string };

/** Reads the command argument (a tree item or an object carrying `payload`, or the payload itself). */
export function parseDiagnoseArgument(arg: unknown): ParsedArgument {
  if (arg === undefined || arg === null) return { kind: 'none' };
  const payload = isObject(arg) && 'payload' in arg ? arg.payload : arg;
  if (!isObject(payload)) return { kind: 'unsupported', reason: 'Diagnose runs on an endpoint, a branch or a status-bar entry.' };
  switch (payload.kind) {
    case 'endpoint':
      return isEndpointPayload(payload) ? { kind: 'target', target: targetOfEndpoint(payload) } : unsupported('endpoint');
    case 'watched':
      return isObject(payload.entry) && isWatchedEntry(payload.entry) ? { kind: 'target', target: targetOfWatched(payload.entry) } : unsupported('status-bar entry');
    case 'branch':
      return isBranch(payload) ? { kind: 'branch', branch: payload } : unsupported('branch');
    default:
      return { kind: 'unsupported', reason: 'Diagnose runs on an endpoint, a branch or a status-bar entry; pick one of those (or run it from the Command Palette).' };
  }
}

export function targetOfEndpoint(payload: EndpointPayload): DiagnoseTarget {
  const e = payload.endpoint;
  return {
    profile: payload.profile,
    region: payload.region,
    endpointId: e.id,
    vpcId: e.vpcId,
    serviceName: e.serviceName,
    ...(e.name ? { name: e.name } : {}),
  };
}

export function targetOfWatched(entry: WatchedEndpoint): DiagnoseTarget {
  return {
    profile: entry.profile,
    region: entry.region,
    endpointId: entry.endpointId,
    vpcId: entry.vpcId,
    serviceName: entry.serviceName,
    ...(entry.privateHost ? { privateHost: entry.privateHost } : {}),
    ...(entry.branch ? { branch: { organization: entry.branch.organization, database: entry.branch.database, branch: entry.branch.branch } } : {}),
  };
}

/** Fills what a watched entry for the same endpoint knows (the branch and its host) into a target. */
export function withWatchedDetails(target: DiagnoseTarget, watched: readonly WatchedEndpoint[]): DiagnoseTarget {
  const entry = watched.find((w) => w.endpointId === target.endpointId);
  if (!entry) return target;
  return {
    ...target,
    ...(!target.privateHost && entry.privateHost ? { privateHost: entry.privateHost } : {}),
    ...(!target.branch && entry.branch ? { branch: { ...entry.branch } } : {}),
  };
}

export function branchLabel(branch: BranchRef | undefined): string | undefined {
  return branch ? `${branch.organization}/${branch.database}/${branch.branch}` : undefined;
}

/** What the panel shows of the target. */
export function targetView(target: DiagnoseTarget): TargetView {
  const branch = branchLabel(target.branch);
  return {
    endpointId: target.endpointId,
    region: target.region,
    profile: target.profile,
    vpcId: target.vpcId,
    ...(branch ? { branch } : {}),
    ...(target.privateHost ? { privateHost: target.privateHost } : {}),
  };
}

function unsupported(what: string): ParsedArgument {
  return { kind: 'unsupported', reason: `The ${what} Diagnose was run on lacks the endpoint's details; refresh the view and try again.` };
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isEndpointPayload(p: Obj): p is Obj & EndpointPayload {
  const e = p.endpoint;
  return isText(p.profile) && isText(p.region) && isObject(e) && isText(e.id) && isText(e.vpcId);
}

function isWatchedEntry(e: Obj): e is Obj & WatchedEndpoint {
  return isText(e.endpointId) && isText(e.profile) && isText(e.region) && isText(e.vpcId);
}

function isBranch(p: Obj): p is Obj & BranchArgument {
  return isText(p.organization) && isText(p.database) && isText(p.branch);
}
