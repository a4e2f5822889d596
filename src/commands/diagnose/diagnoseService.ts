// One diagnosis at a time for the panel: runs the core's checks for a target and client under a
// cancellable progress notification, keeps the view the panel shows (streamed as checks finish),
// writes the text report to the output log, and applies a check's fix after a modal confirmation
// naming what changes, then diagnoses again. Tests drive it directly (diagnose, applyFix) and read
// `lastResult`, `view` and the events.
import * as vscode from 'vscode';
import { overallStatus, type CheckId, type DiagnoseCheck, type DiagnoseResult } from '../../diagnose/diagnoseTypes';
import { describeError } from '../../services/errorDescriptions';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError, isCancellation } from '../../errors/userFacingError';
import type { DiagnoseView, StaleView } from '../../webviews/protocol/diagnoseProtocol';
import { checkView } from '../../webviews/diagnose/diagnoseViews';
import { REACHABILITY_CONFIRMATION } from '../../diagnose/fixConfirmation';
import { applyCheckFix } from './applyCheckFix';
import { runRequest } from '../../diagnose/runRequest';
import type { DiagnosePrompts } from './diagnosePrompts';
import { askRequest, changeInputs, completeRequest, clientLines as describeClientOf, type DiagnoseRequest } from './diagnoseAsk';
import type { DiagnoseVantagePrompt } from './diagnoseVantagePrompt';
import { describeVantage } from '../../diagnose/diagnoseReport';
import { vantageLabel } from '../../diagnose/instanceVantage';
import { targetView, type DiagnoseTarget } from './diagnoseTarget';
import type { DiagnoseUi } from './diagnoseUi';
import { diagnoseCollaboratorsFor, type DiagnoseEnvironment } from './diagnoseEnvironment';
import { ResultFreshness, revivedView, targetOfView, type EndpointStateSource } from './resultFreshness';
import { redactedReport } from './diagnoseReportText';

export type { DiagnoseRequest } from './diagnoseAsk';

export interface AppliedFixOutcome {
  /** False when the user declined the confirmation. */
  applied: boolean;
  /** One line per change made. */
  done: string[];
  /** The diagnosis run after the change. */
  result?: DiagnoseResult;
}

export interface DiagnoseServiceDeps {
  services: ExtensionServices;
  ui: DiagnoseUi;
  prompts: DiagnosePrompts;
  vantage: DiagnoseVantagePrompt;
  environment: DiagnoseEnvironment;
  /** Applying a fix changes the AWS account: only in a trusted workspace. */
  isTrusted(): boolean;
  /** The endpoint watcher: says when the endpoint of the results on screen changes state. */
  endpointStates?: EndpointStateSource;
}

export class DiagnoseService implements vscode.Disposable {
  private readonly viewChanged = new vscode.EventEmitter<DiagnoseView>();
  /** Fires with every new view (a check streamed in, a run finished, a fix applied). */
  readonly onDidChangeView = this.viewChanged.event;
  private readonly diagnosed = new vscode.EventEmitter<DiagnoseResult>();
  /** Fires after each completed diagnosis. */
  readonly onDidDiagnose = this.diagnosed.event;
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires when a new diagnosis starts (the panel shows itself). */
  readonly onDidStart = this.started.event;

  private request: DiagnoseRequest | undefined;
  private result: DiagnoseResult | undefined;
  private current: DiagnoseView | undefined;
  private running: AbortController | undefined;
  /** The endpoint of a view restored after a window reload (Re-run diagnoses it again). */
  private revivedTarget: DiagnoseTarget | undefined;
  private readonly freshness: ResultFreshness;

  constructor(private readonly deps: DiagnoseServiceDeps) {
    this.freshness = new ResultFreshness(deps.endpointStates, (stale) => this.markStale(stale));
  }

  get lastResult(): DiagnoseResult | undefined { return this.result; }

  /** What the panel shows now (undefined before the first diagnosis). */
  get view(): DiagnoseView | undefined {
    return this.current;
  }

  get isRunning(): boolean { return this.running !== undefined; }

  /** The command's flow: resolve the argument, ask what is not known yet, then diagnose. */
  async diagnoseArgument(arg: unknown): Promise<DiagnoseResult | undefined> {
    const request = await askRequest(this.asking(), arg);
    return request ? this.diagnose(request) : undefined;
  }

  /** "Change inputs…": asks which answer to change (measure from, client, login), then diagnoses again. */
  async changeInputs(): Promise<DiagnoseResult | undefined> {
    const request = await changeInputs(this.asking(), this.requireRequest());
    return request ? this.diagnose(request) : undefined;
  }

  private asking() {
    return { ui: this.deps.ui, prompts: this.deps.prompts, vantage: this.deps.vantage, machineCidrs: () => this.deps.environment.machineCidrs() };
  }

  /** Diagnoses `request` (stopping any run in progress); undefined when cancelled. */
  async diagnose(request: DiagnoseRequest): Promise<DiagnoseResult | undefined> {
    this.running?.abort();
    if (request.credentials) this.deps.services.redactor.add(request.credentials.password);
    this.request = request;
    this.result = undefined;
    this.started.fire();
    return this.run();
  }

  /** A panel restored after a reload, with its saved view (validated); Re-run asks for what was not kept. */
  revive(view: DiagnoseView): void {
    if (this.current) return; // a diagnosis made since activation wins
    this.current = revivedView(view);
    this.revivedTarget = targetOfView(view.target);
    if (this.revivedTarget) this.freshness.track(this.revivedTarget);
    this.viewChanged.fire(this.current);
  }

  /** Runs the same diagnosis again (after a change made outside, or from the panel). */
  async rerun(): Promise<DiagnoseResult | undefined> {
    if (!this.request && this.revivedTarget) {
      const request = await completeRequest(this.asking(), this.revivedTarget);
      return request ? this.diagnose(request) : undefined;
    }
    if (!this.request) throw new UserFacingError('Nothing to run again yet: run Diagnose on an endpoint or branch first.');
    this.running?.abort();
    return this.run();
  }

  cancel(): void {
    this.running?.abort();
  }

  /** Asks where the client runs (remembered for the VPC) and diagnoses again. */
  async changeClient(): Promise<DiagnoseResult | undefined> {
    const request = this.requireRequest();
    // Measured from an instance, the instance is the client: offer every input instead.
    if (request.vantage) return this.changeInputs();
    const client = await this.deps.prompts.clientLocation(request.target, { change: true });
    if (!client) return undefined;
    this.request = { ...request, client };
    return this.rerun();
  }

  /** Reachability Analyzer: only after the user agrees to AWS's per-analysis charge. */
  async runReachability(): Promise<DiagnoseResult | undefined> {
    const request = this.requireRequest();
    const { message, detail, action } = REACHABILITY_CONFIRMATION;
    const agreed = await this.deps.ui.confirm(message, detail, action);
    if (!agreed) return undefined;
    const sourceId = await this.deps.prompts.reachabilitySource(request.target, request.vantage?.instanceId);
    if (!sourceId) return undefined;
    this.running?.abort();
    return this.run({ reachabilitySourceId: sourceId });
  }

  /** Applies the fix of `checkId` from the last diagnosis after a modal confirmation, then diagnoses again. */
  async applyFix(checkId: CheckId): Promise<AppliedFixOutcome> {
    const request = this.requireRequest();
    const check = this.result?.checks.find((c) => c.id === checkId);
    const done = await applyCheckFix(this.deps, request.target, check ?? checkId, this.running !== undefined, (change) => this.update(change));
    if (!done) return { applied: false, done: [] };
    this.update({ applying: undefined, notice: `Applied: ${done.join('; ')}. Diagnosing again…` });
    const result = await this.run({ notice: `Applied: ${done.join('; ')}.` });
    return { applied: true, done, ...(result ? { result } : {}) };
  }

  /** The CLI command of a check's fix, copied to the clipboard. */
  async copyFix(checkId: CheckId): Promise<string> {
    const fix = this.result?.checks.find((c) => c.id === checkId)?.fix;
    if (!fix) throw new UserFacingError(`The ${checkId} check has no fix to copy.`);
    const text = this.deps.services.redact(fix.cliCommand);
    await this.deps.ui.copyToClipboard(text);
    return text;
  }

  /** The redacted report (for a support ticket), copied to the clipboard. */
  async copyReport(): Promise<string> {
    if (!this.result) throw new UserFacingError('No finished diagnosis to copy yet.');
    const text = this.reportText(this.result);
    await this.deps.ui.copyToClipboard(text);
    this.update({ notice: 'Copied the report (passwords, tokens and keys masked).' });
    return text;
  }

  /** The report as text, with every secret the extension knows masked. */
  reportText(result: DiagnoseResult): string {
    return redactedReport(this.deps.services, result, this.request?.credentials?.password);
  }

  dispose(): void {
    this.running?.abort();
    this.freshness.dispose();
    this.viewChanged.dispose();
    this.diagnosed.dispose();
    this.started.dispose();
  }

  private requireRequest(): DiagnoseRequest {
    if (!this.request) throw new UserFacingError('Run Diagnose on an endpoint or branch first.');
    return this.request;
  }

  private async run(options: { reachabilitySourceId?: string; notice?: string } = {}): Promise<DiagnoseResult | undefined> {
    const request = this.requireRequest();
    const { target, client, credentials, vantage } = request;
    const abort = new AbortController();
    this.running = abort;
    const machine = this.deps.environment.machineCidrs();
    const redact = this.deps.services.redact;
    const checks: DiagnoseCheck[] = [];
    const clientLines = describeClientOf(request, machine);
    this.current = {
      target: targetView(target),
      client: clientLines,
      vantage: describeVantage(vantage),
      phase: 'running',
      checks: [],
      loginChecked: !!credentials && !vantage,
      ...(options.notice ? { notice: options.notice } : {}),
    };
    this.viewChanged.fire(this.current);
    this.freshness.track(target);
    this.deps.services.log.info(`Diagnose ${target.endpointId} (${target.region}, ${target.vpcId}) for ${clientLines.join(', ')}${vantage ? `, ${vantageLabel(vantage)}` : ''}`);
    try {
      const result = await this.deps.ui.withProgress(`Diagnosing ${target.endpointId}`, abort, async (report) => {
        const core = this.deps.services.core.get();
        const clients = this.deps.services.aws.clients(target.profile, target.region);
        const collaborators = diagnoseCollaboratorsFor(core, clients, this.deps.environment, vantage && { instanceId: vantage.instanceId, onStatus: (status) => report(`Run Command on ${vantage.instanceId}: ${status}`) });
        const onCheck = (check: DiagnoseCheck) => {
          if (abort.signal.aborted) return;
          checks.push(check);
          report(`${check.title}: ${check.status}`);
          this.update({ checks: checks.map((c) => checkView(c, redact)) });
        };
        const endpointUrl = this.deps.environment.endpointUrl();
        const { reachabilitySourceId } = options;
        return core.runDiagnosis(runRequest({ target, client, vantage, machine, credentials, reachabilitySourceId, endpointUrl, signal: abort.signal, onCheck }), collaborators);
      });
      if (abort.signal.aborted) return this.stopped(abort);
      this.result = result;
      this.update({
        phase: 'done',
        checks: result.checks.map((c) => checkView(c, redact)),
        overall: overallStatus(result.checks),
        startedAt: result.startedAt,
        durationMs: result.durationMs,
      });
      this.deps.services.log.info(this.reportText(result));
      this.diagnosed.fire(result);
      await this.deps.services.store.set('diagnosisRun', true);
      return result;
    } catch (error) {
      if (abort.signal.aborted || isCancellation(error)) return this.stopped(abort);
      const message = redact(describeError(error).message);
      this.update({ phase: 'error', error: message });
      throw error;
    } finally {
      if (this.running === abort) this.running = undefined;
    }
  }

  private stopped(abort: AbortController): undefined {
    // A newer run replaced this one: it owns the view now.
    if (this.running === abort) {
      this.update({ phase: 'cancelled', notice: 'Stopped. Run it again when ready.' });
      this.deps.services.log.info('Diagnose stopped.');
    }
    return undefined;
  }

  /** The endpoint changed since these results: say so, unless a run is taking new ones. */
  private markStale(stale: StaleView): void {
    if (!this.current || this.running || this.current.phase === 'running') return;
    this.deps.services.log.info(`Diagnose ${this.current.target.endpointId}: the results are out of date (${stale.reason === 'stateChanged' ? `now ${stale.state}` : stale.reason}).`);
    this.update({ stale });
  }

  private update(change: Partial<DiagnoseView>): void {
    if (!this.current) return;
    this.current = { ...this.current, ...change };
    for (const key of Object.keys(change) as (keyof DiagnoseView)[]) {
      if (change[key] === undefined) delete this.current[key];
    }
    this.viewChanged.fire(this.current);
  }
}
