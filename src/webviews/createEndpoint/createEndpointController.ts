// The extension side of the Create Endpoint form: the message router. The shared host
// (webviewHost.ts) validates each message, answers `ready` through `ready()` and redacts what is
// sent; this routes each request to the form's state model (formState.ts), the plan (formPlan.ts),
// the create run (createRun.ts) or a side action (formActions.ts), and sends the answer.
import type { EndpointFormInput } from '../../aws/createEndpoint/endpointRequest';
import type { ErrorView, HostToWebviewMessage, WebviewToHostMessage } from '../protocol/createEndpointProtocol';
import { parseWebviewMessage } from '../protocol/createEndpointMessages';
import type { RevivedCreateForm, RunReference } from '../protocol/createEndpointRevival';
import { WebviewHost, type WebviewChannel } from '../webviewHost';
import { contextChoiceProblem } from './contextChoice';
import { runCreate, type CreateRunHost } from './createRun';
import { actionReply, runExport, runFormAction } from './formActions';
import type { ControllerDeps } from './formDeps';
import { authoritativeForm, planFromForm } from './formPlan';
import { FormState } from './formState';
import type { CreateEndpointTarget } from './openTarget';
import { cleanupScript, planView } from './planViews';
import { revivedRunView } from './revivedRun';

export type { ControllerDeps } from './formDeps';

/** How the controller talks to the page: the webview's own pair, or a test's. */
export type MessageChannel = WebviewChannel<HostToWebviewMessage>;

type Request = Exclude<WebviewToHostMessage, { type: 'ready' }>;

export class CreateEndpointController extends WebviewHost<WebviewToHostMessage, HostToWebviewMessage> {
  private readonly form: FormState;
  private running: AbortController | undefined;
  private cleanup = '';
  /** The run a form restored after a reload showed, looked up again on the first `ready`. */
  private revivedRun: RunReference | undefined;

  constructor(
    private readonly deps: ControllerDeps,
    channel: MessageChannel,
    readonly target: CreateEndpointTarget,
    revived?: RevivedCreateForm,
  ) {
    super(channel, { name: 'Create Endpoint form', parse: parseWebviewMessage, log: deps.log, redact: deps.redact });
    this.form = new FormState(deps, target, revived);
    this.revivedRun = revived?.run;
  }

  /** True while a create is running (its waiting can still be cancelled; dispose leaves it running under its progress notification). */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  protected async ready(): Promise<void> {
    const { form } = this;
    await form.initialize();
    const revived = this.revivedRun;
    this.revivedRun = undefined;
    if (revived && !form.snapshot.run) form.snapshot.run = await revivedRunView(this.deps, form.snapshot, revived);
    await this.sendSnapshot();
    if (!form.snapshot.vpcs && !form.snapshot.vpcsError) {
      await form.loadVpcs();
      await this.sendSnapshot();
    }
  }

  protected async dispatch(message: Request): Promise<void> {
    // Every request but these needs the profile and region settled first.
    if (!['cancel', 'copyExport', 'openExport', 'runAction'].includes(message.type)) await this.form.initialize();
    switch (message.type) {
      case 'changeContext':
        return this.changeContext(message.requestId, message.profile, message.region);
      case 'verifyService':
        await this.form.verifyService(message.serviceName);
        return this.sendService(message.requestId);
      case 'selectVpc':
        await this.form.selectVpc(message.vpcId);
        return this.sendVpc(message.requestId, this.form.snapshot.vpcDetailsError);
      case 'enableVpcDns':
        return this.sendVpc(message.requestId, await this.form.enableVpcDns(message.vpcId));
      case 'plan':
        return this.planForm(message.requestId, message.form);
      case 'create':
        return this.create(message.requestId, message.form);
      case 'cancel':
        return this.cancel(message.requestId);
      case 'copyExport':
      case 'openExport': {
        const text = message.format === 'cleanup' ? this.cleanup : this.form.snapshot.plan?.exports[message.format];
        return runExport(this.deps, message.type, message.format, text, actionReply(message.requestId, (m) => this.post(m)));
      }
      case 'runAction':
        return runFormAction(this.deps, this.form, message.action, (m) => this.post(m), actionReply(message.requestId, (m) => this.post(m)));
    }
  }

  private sendSnapshot(requestId?: number): Promise<void> {
    return this.post({ type: 'snapshot', ...(requestId !== undefined ? { requestId } : {}), state: this.form.snapshot });
  }

  private sendService(requestId: number): Promise<void> {
    const { service, serviceError } = this.form.snapshot;
    return this.post({ type: 'serviceVerified', requestId, ...(service ? { service } : {}), ...(serviceError ? { error: serviceError } : {}) });
  }

  private sendVpc(requestId: number, error: ErrorView | undefined): Promise<void> {
    const details = this.form.snapshot.vpcDetails;
    return this.post({ type: 'vpcLoaded', requestId, ...(details ? { details } : {}), ...(error ? { error } : {}) });
  }

  private async changeContext(requestId: number, profile: string, region: string): Promise<void> {
    const problem = contextChoiceProblem({ profile, region }, this.form.snapshot);
    if (problem) return this.reject(requestId, problem);
    if (this.running) return this.reject(requestId, 'Wait for the running create (or stop it) before switching profile or region.');
    await this.form.switchContext(profile, region);
    await this.sendSnapshot(requestId);
  }

  private async planForm(requestId: number, raw: EndpointFormInput): Promise<void> {
    const { plan, issues } = planFromForm(authoritativeForm(raw, this.form.snapshot), this.form.snapshot, this.form.vpcFacts);
    this.form.snapshot.plan = plan ? planView(plan) : undefined;
    await this.post({ type: 'planned', requestId, issues, ...(this.form.snapshot.plan ? { plan: this.form.snapshot.plan } : {}) });
  }

  private async create(requestId: number, raw: EndpointFormInput): Promise<void> {
    if (this.running) return this.reject(requestId, 'A create is already running in this form; wait for it or stop it first.');
    const abort = new AbortController();
    this.running = abort;
    const { form } = this;
    form.snapshot.run = { requestId, phase: 'validating', events: [], cancelRequested: false };
    const host: CreateRunHost = {
      deps: this.deps,
      snapshot: () => form.snapshot,
      buildPlan: (input) => planFromForm(input, form.snapshot, form.vpcFacts),
      setPlan: (plan) => (form.snapshot.plan = planView(plan)),
      post: (message) => this.post(message),
      setCleanup: (left) => (this.cleanup = cleanupScript(left)),
    };
    try {
      await runCreate(host, requestId, authoritativeForm(raw, form.snapshot), abort);
    } finally {
      this.running = undefined;
    }
    // Facts changed (a new endpoint and group exist): the next plan must see them.
    if (form.vpcFacts) await form.loadVpcDetails(form.vpcFacts.vpc.id);
    await this.sendSnapshot();
  }

  private async cancel(requestId: number): Promise<void> {
    const reply = actionReply(requestId, (m) => this.post(m));
    if (!this.running) return reply(false, 'Nothing is running.');
    this.running.abort();
    if (this.form.snapshot.run) this.form.snapshot.run.cancelRequested = true;
    this.deps.log.info('Create Endpoint: stop waiting requested; nothing will be deleted.');
    await reply(true, 'Stopping the wait. Nothing is deleted: an endpoint that exists keeps being created by AWS.');
  }
}
