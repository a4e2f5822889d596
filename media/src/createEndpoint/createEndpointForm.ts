// The page's controller: keeps the PageState, turns user intents into protocol requests, applies
// the host's answers (hostAnswers.ts), validates locally for instant inline messages, and saves
// the state so hiding the panel loses nothing.
import { validateEndpointForm } from '../../../src/aws/createEndpoint/formValidation';
import type { ValidationIssue } from '../../../src/aws/createEndpoint/endpointRequest';
import type { ExportFormat, FormAction, HostSnapshot, HostToWebviewMessage, WebviewToHostMessage } from '../../../src/webviews/protocol/createEndpointProtocol';
import { divider } from '../toolkit';
import { fill } from './dom';
import { FormSections } from './formSections';
import { applyPrefill, factsFor, toFormInput, withVpcDefaults, type FormValues } from './formValues';
import { applyHostMessage, patchSnapshot } from './hostAnswers';
import { restorePageState, type PageState, type PendingKind } from './pageState';
import { PlanAndCreateSections } from './planAndCreateSections';
import type { HostChannel } from './vscodeApi';

type Request = Extract<WebviewToHostMessage, { requestId: number }>;
/** A request without its id (Omit applied to each member of the union). */
type RequestBody = Request extends infer R ? (R extends unknown ? Omit<R, 'requestId'> : never) : never;

const PLAN_DELAY_MS = 300;

export class CreateEndpointForm {
  private state: PageState;
  private readonly sections: FormSections;
  private readonly planAndCreate = new PlanAndCreateSections({
    create: () => this.create(),
    cancel: () => this.request('cancel', { type: 'cancel' }),
    copy: (format) => this.copy(format),
    open: (format) => this.request(undefined, { type: 'openExport', format }),
    runAction: (action) => this.runAction(action),
  });
  private planTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when values change by code (prefill, defaults), so lists re-select. */
  private externalEpoch = 0;
  private issues: ValidationIssue[] = [];
  /** Whether this page load has had a snapshot yet (the saved state may hold an older one). */
  private hadSnapshot = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostChannel<PageState>,
  ) {
    this.state = restorePageState(host.loadState());
    this.sections = new FormSections({
      edit: (change, field) => this.edit(change, field),
      pickSubnet: (zone, subnetId) => this.edit({ subnetByAz: { ...this.state.values.subnetByAz, [zone]: subnetId } }, 'subnetIds'),
      toggleSourceGroup: (groupId, checked) => {
        const others = this.state.values.sourceGroupIds.filter((id) => id !== groupId);
        this.edit({ sourceGroupIds: checked ? [...others, groupId] : others }, 'securityGroup.sourceGroupIds');
      },
      changeContext: (profile, region) => this.changeContext(profile, region),
      verify: () => this.verify(),
      selectVpc: (vpcId) => this.request('vpc', { type: 'selectVpc', vpcId }),
      enableDns: () => this.state.values.vpcId && this.request('dns', { type: 'enableVpcDns', vpcId: this.state.values.vpcId }),
      refreshVpcs: () => this.runAction('refreshVpcs'),
      signIn: () => this.runAction('signIn'),
    });
  }

  start(): void {
    fill(this.root, this.sections.element, divider(), ...this.planAndCreate.elements());
    this.root.removeAttribute('aria-busy');
    this.host.onMessage((message) => this.onMessage(message));
    this.render();
    this.host.post({ type: 'ready' });
  }

  // -------------------------------------------------------------------------------------------
  // Host messages

  private onMessage(message: HostToWebviewMessage): void {
    const steps = { applySnapshot: (snapshot: HostSnapshot) => this.applySnapshot(snapshot), maybeApplyVpcDefaults: () => this.maybeApplyVpcDefaults() };
    if (!applyHostMessage(this.state, message, steps)) return;
    this.save();
    this.render();
  }

  private applySnapshot(snapshot: HostSnapshot): void {
    // The first snapshot since the page loaded: after a window reload the host knows nothing yet.
    const first = !this.hadSnapshot;
    this.hadSnapshot = true;
    this.state.snapshot = snapshot;
    const before = this.state.values;
    let values = applyPrefill(before, snapshot);
    if (snapshot.vpcs && values.vpcId && !snapshot.vpcs.some((v) => v.id === values.vpcId)) values = { ...values, vpcId: '', subnetByAz: {} };
    this.setValuesFromCode(values);
    for (const field of ['serviceName', 'vpcId', 'nameTag'] as const) if (values[field] && !before[field]) this.touch(field);
    // Re-attach to a create that is still running (the panel was hidden meanwhile).
    // A finished run (also one found again after a window reload) waits for nothing.
    if (snapshot.run && snapshot.run.phase !== 'finished') this.state.pending.create = snapshot.run.requestId;
    else if (this.state.pending.create !== undefined && (snapshot.run?.requestId !== this.state.pending.create || snapshot.run.phase === 'finished')) delete this.state.pending.create;
    // Whatever the host does not hold any more, ask again.
    if (values.vpcId && snapshot.vpcDetails?.vpc.id !== values.vpcId && this.state.pending.vpc === undefined) this.request('vpc', { type: 'selectVpc', vpcId: values.vpcId });
    const name = values.serviceName.trim();
    if (name && snapshot.service?.serviceName !== name && !snapshot.serviceError && this.state.pending.verify === undefined && (first || snapshot.origin.kind === 'branch')) this.verify();
    this.maybeApplyVpcDefaults();
    this.schedulePlan();
  }

  private maybeApplyVpcDefaults(): void {
    const snapshot = this.state.snapshot;
    const details = snapshot?.vpcDetails;
    if (!details || details.vpc.id !== this.state.values.vpcId) return;
    const service = snapshot?.service?.serviceName === this.state.values.serviceName.trim() ? snapshot.service : undefined;
    const next = withVpcDefaults(this.state.values, details, service);
    if (next !== this.state.values) {
      this.setValuesFromCode(next);
      this.schedulePlan();
    }
  }

  private setValuesFromCode(values: FormValues): void {
    if (values === this.state.values) return;
    const editing = this.sections.fieldBeingEdited();
    if (editing && values[editing] !== this.state.values[editing]) values = { ...values, [editing]: this.state.values[editing] };
    this.state.values = values;
    this.externalEpoch++;
  }

  // -------------------------------------------------------------------------------------------
  // User intents

  private edit(change: Partial<FormValues>, field: string): void {
    const before = this.state.values;
    // Controls also fire change events when the page sets their value: not a user edit.
    const same = (Object.keys(change) as Array<keyof FormValues>).every((k) => JSON.stringify(change[k]) === JSON.stringify(before[k]));
    if (same) return;
    this.state.values = { ...before, ...change };
    this.touch(field);
    this.state.notice = undefined;
    if (change.serviceName !== undefined && change.serviceName.trim() !== before.serviceName.trim()) {
      patchSnapshot(this.state, { serviceError: undefined });
    }
    if (change.vpcId !== undefined && change.vpcId !== before.vpcId) this.state.values.subnetByAz = {};
    this.save();
    this.render();
    this.schedulePlan();
  }

  private touch(field: string): void {
    if (!this.state.touched.includes(field)) this.state.touched = [...this.state.touched, field];
  }

  private verify(): void {
    const serviceName = this.state.values.serviceName.trim();
    this.touch('serviceName');
    if (!serviceName) return this.render();
    this.request('verify', { type: 'verifyService', serviceName });
  }

  private changeContext(profile: string, region: string): void {
    const s = this.state.snapshot;
    if (!s || (s.profile === profile && s.region === region)) return;
    patchSnapshot(this.state, { profile, region, vpcs: undefined, vpcDetails: undefined, plan: undefined });
    this.request('context', { type: 'changeContext', profile, region });
  }

  private create(): void {
    if (this.isRunning()) return;
    this.state.showAll = true;
    const snapshot = this.state.snapshot;
    if (!snapshot) return;
    this.validate();
    const firstError = this.issues.find((i) => i.severity === 'error');
    if (firstError) {
      this.render();
      this.sections.focusField(firstError.field);
      return;
    }
    const requestId = this.request('create', { type: 'create', form: toFormInput(this.state.values, snapshot.region, snapshot.branch) });
    // The plan on screen is the request's: its fingerprint names the run's record and tags.
    this.state.run = { requestId, ...(snapshot.plan ? { fingerprint: snapshot.plan.fingerprint } : {}) };
    patchSnapshot(this.state, { run: { requestId, phase: 'validating', events: [], cancelRequested: false } });
    this.save();
    this.render();
  }

  private copy(format: ExportFormat): void {
    this.request(undefined, { type: 'copyExport', format });
  }

  private runAction(action: FormAction): void {
    this.request(undefined, { type: 'runAction', action });
  }

  /** Sends a request with a fresh id; `kind` marks it as the latest of its kind. */
  private request(kind: PendingKind | undefined, body: RequestBody): number {
    const requestId = this.state.nextRequestId++;
    if (kind) this.state.pending[kind] = requestId;
    this.host.post({ ...body, requestId } as WebviewToHostMessage);
    this.save();
    this.render();
    return requestId;
  }

  private schedulePlan(): void {
    clearTimeout(this.planTimer);
    this.planTimer = setTimeout(() => {
      const snapshot = this.state.snapshot;
      if (!snapshot || this.isRunning()) return;
      this.validate();
      if (this.issues.some((i) => i.severity === 'error')) {
        // An outdated plan must not stay on screen next to a changed form.
        if (snapshot.plan) patchSnapshot(this.state, { plan: undefined });
        delete this.state.pending.plan;
        this.save();
        this.render();
        return;
      }
      this.request('plan', { type: 'plan', form: toFormInput(this.state.values, snapshot.region, snapshot.branch) });
    }, PLAN_DELAY_MS);
  }

  private validate(): void {
    const snapshot = this.state.snapshot;
    if (!snapshot) return;
    const input = toFormInput(this.state.values, snapshot.region, snapshot.branch);
    const local = validateEndpointForm(input, factsFor(snapshot, this.state.values)).issues;
    // The host may know more (fresher facts); show its findings for fields the page finds fine.
    const localKeys = new Set(local.map((i) => `${i.field}\u0000${i.message}`));
    this.issues = [...local, ...this.state.hostIssues.filter((i) => !localKeys.has(`${i.field}\u0000${i.message}`) && !local.some((l) => l.field === i.field))];
  }

  private isRunning(): boolean {
    const run = this.state.snapshot?.run;
    return this.state.pending.create !== undefined || (run !== undefined && run.phase !== 'finished');
  }

  // -------------------------------------------------------------------------------------------
  // Rendering and persistence

  private render(): void {
    const snapshot = this.state.snapshot;
    const running = this.isRunning();
    this.validate();
    this.sections.setDisabled(running);
    this.sections.update(this.state.values, snapshot, { verify: this.state.pending.verify !== undefined, vpc: this.state.pending.vpc !== undefined, dns: this.state.pending.dns !== undefined }, this.externalEpoch);
    const touched = new Set(this.state.touched);
    this.sections.showIssues(this.issues, (field) => this.state.showAll || touched.has(field) || (field.startsWith('securityGroup.') && touched.has('securityGroup.mode')));

    this.planAndCreate.render({ snapshot, issues: this.issues, planPending: this.state.pending.plan !== undefined, running, notice: this.state.notice });
  }

  private save(): void {
    this.host.saveState(this.state);
  }
}
