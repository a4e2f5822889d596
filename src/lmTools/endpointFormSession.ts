// The Create Endpoint form's own controller, driven through its message protocol instead of a
// webview: the tools get exactly the form's facts, validation, plan, cost, CLI/Terraform exports,
// dry run and create run, with no second implementation of any of them.
import * as vscode from 'vscode';
import type { EndpointFormInput, ValidationIssue } from '../aws/createEndpoint/endpointRequest';
// The form's own value model (pure, shared with the webview): its defaults and its message shape.
import { applyPrefill, emptyValues, toFormInput, withVpcDefaults, type FormValues } from '../../media/src/createEndpoint/formValues';
import type { ResolvedBranch } from '../commands/branchArgument';
import type { ExtensionServices } from '../services/extensionServices';
import type { CreateEndpointController } from '../webviews/createEndpoint/createEndpointController';
import { createEndpointController } from '../webviews/createEndpoint/createEndpointPanel';
import type { CreateEndpointUi } from '../webviews/createEndpoint/createEndpointUi';
import { suggestedNameTag } from '../webviews/createEndpoint/openTarget';
import type { CreateOutcome, HostSnapshot, HostToWebviewMessage, PlanView, ServiceView, VpcDetailsView, WebviewToHostMessage } from '../webviews/protocol/createEndpointProtocol';
import { GROUP_ID_RE, SUBNET_ID_RE, VPC_ID_RE, optionalId, optionalIdList, optionalText, requiredText, type ToolInput } from './toolInputs';
import { ToolInputError } from './toolInputChecks';

type Reply<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;
type Request = WebviewToHostMessage extends infer M ? (M extends { requestId: number } ? Omit<M, 'requestId'> : never) : never;

export interface FormPlan {
  form: EndpointFormInput;
  issues: ValidationIssue[];
  plan?: PlanView;
  snapshot: HostSnapshot;
  /** What the form's own defaults chose because the input left it out (e.g. `subnetIds`). */
  defaulted: string[];
  vpc?: VpcDetailsView;
}

export class EndpointFormSession implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<unknown>();
  private readonly controller: CreateEndpointController;
  private readonly waiting = new Map<number, { type: string; resolve: (m: HostToWebviewMessage) => void }>();
  private last: HostSnapshot | undefined;
  private nextId = 1;

  constructor(services: ExtensionServices, private readonly branch: ResolvedBranch, ui: CreateEndpointUi) {
    const target = { kind: 'branch' as const, organization: branch.organization, database: branch.database, branch: branch.branch, region: branch.region, serviceName: branch.serviceName, privateHost: branch.privateHost };
    this.controller = createEndpointController(services, target, { postMessage: (m) => this.receive(m), onDidReceiveMessage: this.emitter.event }, ui);
  }

  /** Validates the tool input as the form would get it, and plans with the host's facts. */
  async plan(input: ToolInput): Promise<FormPlan> {
    this.emitter.fire({ type: 'ready' });
    await this.controller.settled();
    const profile = optionalText(input, 'profile');
    if (profile && this.last && profile !== this.last.profile) {
      const changed = await this.request({ type: 'changeContext', profile, region: this.last.region }, 'snapshot');
      if (changed.type === 'rejected') throw new ToolInputError('profile', changed.reason);
    }
    const vpcId = optionalId(input, 'vpcId', VPC_ID_RE, 'vpc-0123456789abcdef0') ?? requiredText(input, 'vpcId', 'vpc-0123456789abcdef0');
    const verified = await this.request({ type: 'verifyService', serviceName: this.branch.serviceName }, 'serviceVerified');
    const loaded = await this.request({ type: 'selectVpc', vpcId }, 'vpcLoaded');
    const vpc = loaded.type === 'vpcLoaded' ? loaded.details : undefined;
    const service = verified.type === 'serviceVerified' ? verified.service : undefined;
    const { form, defaulted } = this.form(input, vpcId, vpc, service);
    const planned = await this.request({ type: 'plan', form }, 'planned');
    const issues = planned.type === 'planned' ? planned.issues : [];
    const extra: ValidationIssue[] = [verified, loaded].flatMap((m) => ('error' in m && m.error ? [{ field: (m.error.field ?? 'vpcId') as ValidationIssue['field'], message: m.error.message + (m.error.fix ? ` ${m.error.fix}` : ''), severity: 'error' as const }] : []));
    return { form, issues: [...extra, ...issues], ...(planned.type === 'planned' && planned.plan ? { plan: planned.plan } : {}), snapshot: this.last!, defaulted, ...(vpc ? { vpc } : {}) };
  }

  /** The form's Create: dry run, apply with rollback, waiting for `available`; resolves with its outcome. */
  async create(form: EndpointFormInput, signal: AbortSignal): Promise<CreateOutcome> {
    const stop = () => this.emitter.fire({ type: 'cancel', requestId: this.nextId++ });
    signal.addEventListener('abort', stop);
    try {
      const finished = await this.request({ type: 'create', form }, 'createFinished');
      if (finished.type === 'rejected') return { kind: 'error', error: { message: finished.reason } };
      return finished.outcome;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  dispose(): void {
    this.controller.dispose();
    this.emitter.dispose();
  }

  /**
   * The form's values as a user who picked this VPC would start with them (the form's own defaults:
   * the roomiest subnet in each zone the service offers, the one application group or the VPC
   * CIDR), then what the input says instead.
   */
  private form(input: ToolInput, vpcId: string, vpc: VpcDetailsView | undefined, service: ServiceView | undefined): { form: EndpointFormInput; defaulted: string[] } {
    let values: FormValues = { ...applyPrefill(emptyValues(), this.last ?? { prefill: {} }), vpcId };
    if (vpc) values = withVpcDefaults(values, vpc, service);
    const defaulted: string[] = [];
    const existing = optionalId(input, 'existingSecurityGroupId', GROUP_ID_RE, 'sg-0123456789abcdef0');
    const sourceGroupIds = optionalIdList(input, 'clientSecurityGroupIds', GROUP_ID_RE, 'sg-0123456789abcdef0');
    const cidrs = input.clientCidrs;
    if (cidrs !== undefined && (!Array.isArray(cidrs) || cidrs.some((c) => typeof c !== 'string'))) throw new ToolInputError('clientCidrs', 'must be a list of CIDR blocks such as 10.0.1.0/24.');
    if (input.privateDns !== undefined && typeof input.privateDns !== 'boolean') throw new ToolInputError('privateDns', 'must be true or false.');
    if (existing) values = { ...values, sgMode: 'existing', existingGroupId: existing };
    else if (sourceGroupIds?.length) values = { ...values, sourceKind: 'securityGroups', sourceGroupIds };
    else if (Array.isArray(cidrs) && cidrs.length) values = { ...values, sourceKind: 'cidrs', cidrsText: (cidrs as string[]).join(', ') };
    else defaulted.push(values.sourceKind === 'cidrs' ? `clients allowed in: the VPC CIDR ${values.cidrsText}` : `clients allowed in: security group ${values.sourceGroupIds.join(', ') || '(none found)'}`);
    values = {
      ...values,
      groupName: optionalText(input, 'securityGroupName') ?? values.groupName,
      nameTag: optionalText(input, 'nameTag') ?? (values.nameTag || suggestedNameTag({ kind: 'branch', organization: this.branch.organization, database: this.branch.database, branch: this.branch.branch })),
      privateDns: input.privateDns !== false,
    };
    const form = toFormInput(values, this.last?.region ?? this.branch.region);
    const subnetIds = optionalIdList(input, 'subnetIds', SUBNET_ID_RE, 'subnet-0123456789abcdef0');
    if (subnetIds?.length) return { form: { ...form, subnetIds }, defaulted };
    defaulted.push(`subnets: the roomiest one in each zone the service offers: ${form.subnetIds.join(', ') || '(none found)'}`);
    return { form, defaulted };
  }

  private request<T extends HostToWebviewMessage['type']>(message: Request, replyType: T): Promise<Reply<T> | Reply<'rejected'>> {
    const requestId = this.nextId++;
    const answer = new Promise<HostToWebviewMessage>((resolve) => this.waiting.set(requestId, { type: replyType, resolve }));
    this.emitter.fire({ ...message, requestId });
    return answer as Promise<Reply<T> | Reply<'rejected'>>;
  }

  private receive(message: HostToWebviewMessage): Promise<boolean> {
    if (message.type === 'snapshot') this.last = message.state;
    const requestId = 'requestId' in message ? message.requestId : undefined;
    const waiter = requestId !== undefined ? this.waiting.get(requestId) : undefined;
    if (waiter && (message.type === waiter.type || message.type === 'rejected')) {
      this.waiting.delete(requestId!);
      waiter.resolve(message);
    }
    return Promise.resolve(true);
  }
}
