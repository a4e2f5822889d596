// What the Diagnose page saved with vscode.setState, read back when VS Code restores the panel after
// a window reload (WebviewPanelSerializer). The state comes from the page, so it is read like any
// message: bounded readers, known fields only, a new object built from what passed. A state that
// does not read (an older page's, or junk) gives undefined: the panel then waits for a diagnosis.
import { isAwsRegion } from '../../aws/awsNames';
import { describeVantage } from '../../diagnose/diagnoseReport';
import type { CheckStatus } from '../../diagnose/diagnoseTypes';
import { CHECK_IDS, RUN_PHASES, type CheckView, type DiagnoseView, type FixView, type TargetView } from './diagnoseProtocol';
import { boolean, isRecord, MessageShapeError, oneOf, optionalString, record, string, stringList, type Fields } from './messageShape';

const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skipped'];
const MAX_TEXT = 8192;
const MAX_EVIDENCE = 200;

/** The saved view, rebuilt from its known fields; undefined when there is none or it does not read. */
export function parseRevivedDiagnoseState(raw: unknown): DiagnoseView | undefined {
  if (!isRecord(raw) || raw.view === undefined) return undefined;
  try {
    return readView(record(raw.view, 'view'));
  } catch (err) {
    if (err instanceof MessageShapeError) return undefined;
    throw err;
  }
}

function readView(f: Fields): DiagnoseView {
  const checksRaw = f.checks;
  if (!Array.isArray(checksRaw) || checksRaw.length > CHECK_IDS.length) throw new MessageShapeError(`view.checks must be a list of at most ${CHECK_IDS.length}`);
  const overall = f.overall === undefined ? undefined : oneOf(f, 'overall', CHECK_STATUSES);
  const startedAt = optionalString(f, 'startedAt');
  const durationMs = f.durationMs;
  if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)) throw new MessageShapeError('view.durationMs must be a number');
  const error = optionalString(f, 'error', 'view.error', MAX_TEXT);
  return {
    target: readTarget(record(f.target, 'view.target')),
    client: stringList(f, 'client', 'view.client'),
    phase: oneOf(f, 'phase', RUN_PHASES, 'view.phase'),
    checks: checksRaw.map((c, i) => readCheck(record(c, `view.checks[${i}]`), `view.checks[${i}]`)),
    loginChecked: boolean(f, 'loginChecked', 'view.loginChecked'),
    // A page saved before Diagnose could measure from an instance measured from this machine.
    vantage: optionalString(f, 'vantage', 'view.vantage', MAX_TEXT) ?? describeVantage(undefined),
    ...(overall ? { overall } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(typeof durationMs === 'number' ? { durationMs } : {}),
    ...(error ? { error } : {}),
  };
}

function readTarget(f: Fields): TargetView {
  const endpointId = string(f, 'endpointId', 'view.target.endpointId', 64);
  if (!/^vpce-[0-9a-f]+$/.test(endpointId)) throw new MessageShapeError('view.target.endpointId is not an endpoint id');
  const vpcId = optionalString(f, 'vpcId', 'view.target.vpcId', 64);
  if (vpcId !== undefined && !/^vpc-[0-9a-f]+$/.test(vpcId)) throw new MessageShapeError('view.target.vpcId is not a VPC id');
  const region = string(f, 'region', 'view.target.region', 64);
  if (!isAwsRegion(region)) throw new MessageShapeError('view.target.region is not a region');
  const branch = optionalString(f, 'branch', 'view.target.branch', 256);
  const privateHost = optionalString(f, 'privateHost', 'view.target.privateHost', 256);
  return {
    endpointId,
    region,
    profile: string(f, 'profile', 'view.target.profile', 256),
    ...(vpcId ? { vpcId } : {}),
    ...(branch ? { branch } : {}),
    ...(privateHost ? { privateHost } : {}),
  };
}

function readCheck(f: Fields, path: string): CheckView {
  return {
    id: oneOf(f, 'id', CHECK_IDS, `${path}.id`),
    title: string(f, 'title', `${path}.title`, 256),
    status: oneOf(f, 'status', CHECK_STATUSES, `${path}.status`),
    summary: string(f, 'summary', `${path}.summary`, MAX_TEXT),
    evidence: stringList(f, 'evidence', `${path}.evidence`, MAX_EVIDENCE, MAX_TEXT),
    ...(f.fix !== undefined ? { fix: readFix(record(f.fix, `${path}.fix`), `${path}.fix`) } : {}),
  };
}

function readFix(f: Fields, path: string): FixView {
  return {
    description: string(f, 'description', `${path}.description`, MAX_TEXT),
    cliCommand: string(f, 'cliCommand', `${path}.cliCommand`, MAX_TEXT),
    // What the host can apply is its own knowledge: a restored view has no result to apply from.
    applicable: false,
    changes: stringList(f, 'changes', `${path}.changes`, 64, MAX_TEXT),
  };
}
