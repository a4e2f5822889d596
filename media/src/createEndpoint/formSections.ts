// The form's input sections, built once (so typing never loses focus), with the parts that depend
// on AWS data (VPC list, subnets per AZ, security groups) rebuilt only when that data changes.
import type { ValidationIssue } from '../../../src/aws/createEndpoint/endpointRequest';
import type { ErrorView, HostSnapshot, ServiceView, VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button, checkbox, dropdown, progressRing, radioGroup, textField, type ButtonControl, type CheckControl, type Control, type DropdownControl, type ValueControl } from '../toolkit';
import { fill, h } from './dom';
import { clientGroupCandidates, subnetsByZone, type FormValues } from './formValues';

/** What the sections report back; the form turns it into state changes and requests. */
export interface SectionEvents {
  edit(change: Partial<FormValues>, field: string): void;
  pickSubnet(zone: string, subnetId: string): void;
  toggleSourceGroup(groupId: string, checked: boolean): void;
  changeContext(profile: string, region: string): void;
  verify(): void;
  selectVpc(vpcId: string): void;
  enableDns(): void;
  refreshVpcs(): void;
  /** Expired credentials: run the AWS sign-in command. */
  signIn(): void;
}

/** The form field names validation uses, and where their messages go. */
export const ISSUE_FIELDS = [
  'region',
  'serviceName',
  'vpcId',
  'subnetIds',
  'securityGroup.mode',
  'securityGroup.groupName',
  'securityGroup.description',
  'securityGroup.sourceGroupIds',
  'securityGroup.cidrs',
  'securityGroup.groupId',
  'privateDns',
  'nameTag',
  'branch',
] as const;

const issueId = (field: string) => `issues-${field.replace(/\./g, '-')}`;

function issueSlot(field: string): HTMLElement {
  return h('div', { class: 'issues', id: issueId(field), 'aria-live': 'polite' });
}

function section(id: string, title: string, ...children: Array<Node | null>): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...children);
}

export class FormSections {
  readonly element: HTMLElement;
  private readonly inputs: Control[] = [];
  private readonly profile: DropdownControl;
  private readonly region: DropdownControl;
  private readonly serviceName: ValueControl;
  private readonly verifyButton: ButtonControl;
  private readonly serviceStatus = h('div', { class: 'status', id: 'service-status', 'aria-live': 'polite' });
  private readonly originLine = h('p', { class: 'hint', id: 'origin' });
  private readonly vpc: DropdownControl;
  private readonly vpcStatus = h('div', { class: 'status', id: 'vpc-status', 'aria-live': 'polite' });
  private readonly subnetArea = h('div', { id: 'subnet-groups' });
  private readonly sgMode: ValueControl;
  private readonly createArea: HTMLElement;
  private readonly existingArea: HTMLElement;
  private readonly groupName: ValueControl;
  private readonly sourceKind: ValueControl;
  private readonly sourceGroupsArea = h('div', { id: 'source-groups', role: 'group', 'aria-label': 'Client security groups allowed to connect' });
  private readonly cidrs: ValueControl;
  private readonly existingGroup: DropdownControl;
  private readonly existingStatus = h('div', { class: 'status', id: 'existing-group-status' });
  private readonly privateDns: CheckControl;
  private readonly nameTag: ValueControl;
  private dynamic: Control[] = [];
  private keys: Record<string, string> = {};
  private disabled = false;

  constructor(private readonly events: SectionEvents) {
    this.profile = dropdown({ id: 'profile', label: 'AWS profile', choices: [] });
    this.region = dropdown({ id: 'region', label: 'AWS region', choices: [], describedBy: issueId('region') });
    const onContext = () => events.changeContext(this.profile.value, this.region.value);
    this.profile.onChange(onContext);
    this.region.onChange(onContext);

    this.serviceName = textField({
      id: 'serviceName',
      label: 'Private Service Name',
      placeholder: 'com.amazonaws.vpce.us-east-1.vpce-svc-…',
      describedBy: issueId('serviceName'),
    });
    this.serviceName.onChange((value) => events.edit({ serviceName: value }, 'serviceName'));
    this.verifyButton = button({ id: 'verify-service', label: 'Verify service', secondary: true });
    this.verifyButton.onClick(() => events.verify());

    this.vpc = dropdown({ id: 'vpcId', label: 'VPC', choices: [], describedBy: issueId('vpcId') });
    this.vpc.onChange((value) => {
      events.edit({ vpcId: value }, 'vpcId');
      if (value) events.selectVpc(value);
    });
    const refresh = button({ id: 'refresh-vpcs', label: 'Reload', secondary: true, ariaLabel: 'Reload the VPC list' });
    refresh.onClick(() => events.refreshVpcs());

    this.sgMode = radioGroup({
      id: 'sgMode',
      label: 'Security group for the endpoint',
      choices: [
        { value: 'create', label: 'Create a new security group (recommended)' },
        { value: 'existing', label: 'Use an existing security group' },
      ],
      value: 'create',
      vertical: true,
    });
    this.sgMode.onChange((value) => events.edit({ sgMode: value === 'existing' ? 'existing' : 'create' }, 'securityGroup.mode'));
    this.groupName = textField({ id: 'groupName', label: 'Name of the new group', describedBy: issueId('securityGroup.groupName') });
    this.groupName.onChange((value) => events.edit({ groupName: value }, 'securityGroup.groupName'));
    this.sourceKind = radioGroup({
      id: 'sourceKind',
      label: 'Allow inbound 5432 and 6432 from',
      choices: [
        { value: 'securityGroups', label: "Your application's security groups (recommended)" },
        { value: 'cidrs', label: 'CIDR ranges' },
      ],
      value: 'securityGroups',
      vertical: true,
    });
    this.sourceKind.onChange((value) => events.edit({ sourceKind: value === 'cidrs' ? 'cidrs' : 'securityGroups' }, 'securityGroup.sourceKind'));
    this.cidrs = textField({ id: 'cidrs', label: 'CIDR ranges (comma-separated)', placeholder: '10.0.0.0/16', describedBy: issueId('securityGroup.cidrs') });
    this.cidrs.onChange((value) => events.edit({ cidrsText: value }, 'securityGroup.cidrs'));
    this.existingGroup = dropdown({ id: 'existingGroupId', label: 'Existing security group', choices: [], describedBy: issueId('securityGroup.groupId') });
    this.existingGroup.onChange((value) => events.edit({ existingGroupId: value }, 'securityGroup.groupId'));

    this.privateDns = checkbox({ id: 'privateDns', label: 'Enable private DNS name (recommended: the Private Host then resolves to this endpoint)', checked: true, describedBy: issueId('privateDns') });
    this.privateDns.onChange((checked) => events.edit({ privateDns: checked }, 'privateDns'));
    this.nameTag = textField({ id: 'nameTag', label: 'Name tag', describedBy: issueId('nameTag') });
    this.nameTag.onChange((value) => events.edit({ nameTag: value }, 'nameTag'));

    this.inputs.push(this.profile, this.region, this.serviceName, this.verifyButton, this.vpc, refresh, this.sgMode, this.groupName, this.sourceKind, this.cidrs, this.existingGroup, this.privateDns, this.nameTag);

    this.createArea = h(
      'div',
      { id: 'sg-create' },
      h('div', { class: 'field' }, this.groupName.element, issueSlot('securityGroup.groupName'), issueSlot('securityGroup.description')),
      h('div', { class: 'field' }, this.sourceKind.element),
      h('div', { class: 'field', id: 'sg-source-groups' }, this.sourceGroupsArea, issueSlot('securityGroup.sourceGroupIds')),
      h('div', { class: 'field', id: 'sg-source-cidrs' }, this.cidrs.element, issueSlot('securityGroup.cidrs')),
    );
    this.existingArea = h(
      'div',
      { id: 'sg-existing' },
      h('div', { class: 'field' }, h('label', { for: 'existingGroupId' }, 'Existing security group'), this.existingGroup.element, this.existingStatus, issueSlot('securityGroup.groupId')),
    );

    this.element = h(
      'form',
      { id: 'create-endpoint-form', novalidate: true, 'aria-describedby': 'origin' },
      h(
        'header',
        {},
        h('h1', {}, 'Create a PrivateLink endpoint'),
        this.originLine,
        h(
          'div',
          { class: 'row context' },
          h('div', { class: 'field' }, h('label', { for: 'profile' }, 'AWS profile'), this.profile.element),
          h('div', { class: 'field' }, h('label', { for: 'region' }, 'Region'), this.region.element),
        ),
        issueSlot('region'),
        issueSlot('branch'),
      ),
      section(
        'service-section',
        '1. Endpoint service',
        h('p', { class: 'hint' }, 'The Private Service Name of the PlanetScale branch. Verify it to see the zones it is offered in.'),
        h('div', { class: 'row' }, this.serviceName.element, this.verifyButton.element),
        issueSlot('serviceName'),
        this.serviceStatus,
      ),
      section(
        'vpc-section',
        '2. VPC',
        h('p', { class: 'hint' }, 'The VPC your application runs in, in the same region as the database.'),
        h('div', { class: 'row' }, h('label', { for: 'vpcId' }, 'VPC'), this.vpc.element, refresh.element),
        issueSlot('vpcId'),
        this.vpcStatus,
      ),
      section(
        'subnet-section',
        '3. Subnets',
        h('p', { class: 'hint' }, 'At most one subnet per Availability Zone; two or more zones keep the endpoint up when a zone fails. Each zone costs about $0.01 an hour.'),
        this.subnetArea,
        issueSlot('subnetIds'),
      ),
      section('sg-section', '4. Security group', this.sgMode.element, issueSlot('securityGroup.mode'), this.createArea, this.existingArea),
      section(
        'options-section',
        '5. DNS and name',
        h('div', { class: 'field' }, this.privateDns.element, issueSlot('privateDns')),
        h('div', { class: 'field' }, this.nameTag.element, issueSlot('nameTag')),
      ),
    );
  }

  /** Brings every control in line with the state; dynamic lists are rebuilt only when their data changed. */
  update(values: FormValues, snapshot: HostSnapshot | undefined, busy: { verify: boolean; vpc: boolean; dns: boolean }, externalEpoch: number): void {
    this.originLine.textContent = originText(snapshot);
    if (snapshot) {
      this.rebuild('profile', JSON.stringify([snapshot.profiles, snapshot.profile]), () =>
        this.profile.setChoices(withCurrent(snapshot.profiles, snapshot.profile).map((p) => ({ value: p, label: p })), snapshot.profile),
      );
      this.rebuild('region', JSON.stringify([snapshot.regions, snapshot.region]), () =>
        this.region.setChoices(withCurrent(snapshot.regions, snapshot.region).map((r) => ({ value: r, label: r })), snapshot.region),
      );
      this.rebuild('vpcs', JSON.stringify([snapshot.vpcs?.map((v) => v.id), values.vpcId, externalEpoch]), () =>
        this.vpc.setChoices(
          [
            { value: '', label: snapshot.vpcs ? (snapshot.vpcs.length ? 'Choose a VPC…' : 'No VPC in this region') : 'Loading VPCs…' },
            ...(snapshot.vpcs ?? []).map((v) => ({ value: v.id, label: `${v.name ?? '(no name)'} — ${v.id} — ${v.cidrBlock}${v.isDefault ? ' (default VPC)' : ''}` })),
          ],
          values.vpcId,
        ),
      );
    }
    this.serviceName.value = values.serviceName;
    this.groupName.value = values.groupName;
    this.cidrs.value = values.cidrsText;
    this.nameTag.value = values.nameTag;
    this.privateDns.checked = values.privateDns;
    this.sgMode.value = values.sgMode;
    this.sourceKind.value = values.sourceKind;
    this.createArea.hidden = values.sgMode !== 'create';
    this.existingArea.hidden = values.sgMode !== 'existing';
    (this.createArea.querySelector('#sg-source-groups') as HTMLElement).hidden = values.sourceKind !== 'securityGroups';
    (this.createArea.querySelector('#sg-source-cidrs') as HTMLElement).hidden = values.sourceKind !== 'cidrs';

    this.renderServiceStatus(values, snapshot, busy.verify);
    const details = snapshot?.vpcDetails && snapshot.vpcDetails.vpc.id === values.vpcId ? snapshot.vpcDetails : undefined;
    const service = snapshot?.service && snapshot.service.serviceName === values.serviceName.trim() ? snapshot.service : undefined;
    this.renderVpcStatus(values, snapshot, details, service, busy);
    this.rebuild('subnets', JSON.stringify([details?.vpc.id, details?.subnets.map((s) => s.id), service?.availabilityZones, externalEpoch]), () =>
      this.renderSubnets(values, details, service, busy.vpc),
    );
    this.rebuild('groups', JSON.stringify([details?.vpc.id, details?.securityGroups.map((g) => g.id), externalEpoch]), () => this.renderGroups(values, details));
    this.renderExistingStatus(values, details);
    for (const control of [...this.inputs, ...this.dynamic]) control.setDisabled(this.disabled);
  }

  /** Disables every input while a create runs. */
  /** The text field the user is typing in, if any: code must not change its value under them. */
  fieldBeingEdited(): 'serviceName' | 'groupName' | 'cidrsText' | 'nameTag' | undefined {
    const fields = [
      [this.serviceName, 'serviceName'],
      [this.groupName, 'groupName'],
      [this.cidrs, 'cidrsText'],
      [this.nameTag, 'nameTag'],
    ] as const;
    return fields.find(([control]) => control.element.matches(':focus-within'))?.[1];
  }

  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
    for (const control of [...this.inputs, ...this.dynamic]) control.setDisabled(disabled);
  }

  /** Puts each issue under its field; `visible` decides which fields show theirs yet. */
  showIssues(issues: ValidationIssue[], visible: (field: string) => boolean): void {
    for (const field of ISSUE_FIELDS) {
      const slot = this.element.querySelector(`#${issueId(field)}`);
      if (!slot) continue;
      const mine = issues.filter((i) => i.field === field && (i.severity === 'warning' || visible(field)));
      fill(slot, ...mine.map((i) => h('p', { class: `issue ${i.severity}`, 'data-field': field }, h('span', { class: 'sr-only' }, `${i.severity}: `), i.message)));
    }
    const hasError = (field: string) => issues.some((i) => i.field === field && i.severity === 'error' && visible(field));
    this.serviceName.setInvalid(hasError('serviceName'));
    this.vpc.setInvalid(hasError('vpcId'));
    this.groupName.setInvalid(hasError('securityGroup.groupName'));
    this.cidrs.setInvalid(hasError('securityGroup.cidrs'));
    this.existingGroup.setInvalid(hasError('securityGroup.groupId'));
    this.nameTag.setInvalid(hasError('nameTag'));
  }

  /** Moves focus to the control of a field (the first error after a Create attempt). */
  focusField(field: string): void {
    const target: Record<string, Control | undefined> = {
      region: this.region,
      serviceName: this.serviceName,
      vpcId: this.vpc,
      'securityGroup.mode': this.sgMode,
      'securityGroup.groupName': this.groupName,
      'securityGroup.cidrs': this.cidrs,
      'securityGroup.groupId': this.existingGroup,
      privateDns: this.privateDns,
      nameTag: this.nameTag,
    };
    const control = target[field];
    if (control) control.focus();
    else this.element.querySelector<HTMLElement>(`#${issueId(field)}`)?.scrollIntoView({ block: 'center' });
  }

  private rebuild(name: string, key: string, build: () => void): void {
    if (this.keys[name] === key) return;
    this.keys[name] = key;
    build();
  }

  private renderServiceStatus(values: FormValues, snapshot: HostSnapshot | undefined, verifying: boolean): void {
    const name = values.serviceName.trim();
    if (verifying) return fill(this.serviceStatus, h('span', { class: 'row' }, progressRing('Verifying the service'), 'Looking up the service…'));
    const service = snapshot?.service?.serviceName === name ? snapshot.service : undefined;
    if (service) {
      return fill(
        this.serviceStatus,
        h(
          'dl',
          { class: 'facts', id: 'service-facts' },
          h('dt', {}, 'Offered in'),
          h('dd', { id: 'service-zones' }, service.availabilityZones.join(', ') || 'no zone'),
          h('dt', {}, 'Private DNS name'),
          h('dd', {}, service.privateDnsName ?? 'none'),
          h('dt', {}, 'Acceptance'),
          h('dd', {}, service.acceptanceRequired ? 'required: the service owner accepts each endpoint' : 'not required: connects at once'),
        ),
      );
    }
    const error = snapshot?.serviceError;
    if (error && name) {
      return fill(this.serviceStatus, this.errorLine(error, 'service-signin'));
    }
    fill(this.serviceStatus, name ? h('p', { class: 'hint' }, 'Not verified yet.') : null);
  }

  private renderVpcStatus(values: FormValues, snapshot: HostSnapshot | undefined, details: VpcDetailsView | undefined, service: ServiceView | undefined, busy: { vpc: boolean; dns: boolean }): void {
    if (snapshot?.vpcsError) return fill(this.vpcStatus, this.errorLine(snapshot.vpcsError, 'vpcs-signin'));
    if (!values.vpcId) return fill(this.vpcStatus);
    if (busy.vpc || busy.dns) return fill(this.vpcStatus, h('span', { class: 'row' }, progressRing('Loading the VPC'), busy.dns ? 'Turning on DNS support and hostnames…' : 'Reading subnets, security groups and DNS settings…'));
    if (!details) {
      const error = snapshot?.vpcDetailsError;
      return fill(this.vpcStatus, error ? this.errorLine(error, 'vpc-signin') : null);
    }
    const dnsOk = details.dns.enableDnsSupport && details.dns.enableDnsHostnames;
    const dnsLine = dnsOk
      ? h('p', { class: 'ok', id: 'vpc-dns' }, 'DNS support and DNS hostnames are on (private DNS can work).')
      : h(
          'div',
          { class: 'message warning', id: 'vpc-dns' },
          h('p', {}, `Private DNS needs both DNS settings on this VPC: DNS support is ${details.dns.enableDnsSupport ? 'on' : 'off'}, DNS hostnames are ${details.dns.enableDnsHostnames ? 'on' : 'off'}.`),
          this.dynamicButton('enable-dns', 'Turn on DNS support and hostnames…', () => this.events.enableDns()),
        );
    const sameService = details.endpoints.filter((e) => e.serviceName === values.serviceName.trim() && !/^delet/i.test(e.state));
    const existing = sameService.length
      ? h(
          'div',
          { class: 'message warning', id: 'vpc-existing-endpoints' },
          h('p', {}, `This VPC already has ${sameService.length === 1 ? 'an endpoint' : 'endpoints'} for this service: `, ...sameService.map((e) => h('code', {}, `${e.id} (${e.state}${e.privateDnsEnabled ? ', private DNS on' : ''})`))),
          h('p', {}, 'A second endpoint with private DNS would clash with it; you may be able to use the existing one.'),
        )
      : null;
    const zones = service ? subnetsByZone(details, service).filter((z) => z.offered).length : undefined;
    fill(
      this.vpcStatus,
      dnsLine,
      existing,
      zones === 0 ? h('p', { class: 'issue error' }, 'This VPC has no subnet in a zone the service offers.') : null,
    );
  }

  private renderSubnets(values: FormValues, details: VpcDetailsView | undefined, service: ServiceView | undefined, loading: boolean): void {
    this.dynamic = this.dynamic.filter((c) => !this.subnetArea.contains(c.element));
    if (!details) return fill(this.subnetArea, h('p', { class: 'hint' }, loading ? 'Loading subnets…' : 'Choose a VPC first.'));
    const groups = subnetsByZone(details, service);
    if (!groups.length) return fill(this.subnetArea, h('p', { class: 'issue error' }, 'This VPC has no subnets.'));
    const rows = groups.map((group) => {
      const selectable = group.offered !== false;
      const control = radioGroup({
        id: `subnets-${group.zone}`,
        label: `${group.zone}${group.offered === false ? ' — not offered by the service' : group.offered ? ' — offered' : ''}`,
        choices: [
          { value: '', label: 'None', disabled: !selectable },
          ...group.subnets.map((s) => ({
            value: s.id,
            label: `${s.name ? `${s.name} — ` : ''}${s.id} — ${s.cidrBlock}${s.availableIpAddressCount !== undefined ? ` (${s.availableIpAddressCount} free IPs)` : ''}`,
            disabled: !selectable,
          })),
        ],
        value: selectable ? values.subnetByAz[group.zone] ?? '' : '',
        vertical: true,
        describedBy: issueId('subnetIds'),
      });
      control.onChange((value) => this.events.pickSubnet(group.zone, value));
      this.dynamic.push(control);
      return h('div', { class: `zone${selectable ? '' : ' unavailable'}`, 'data-zone': group.zone }, control.element);
    });
    fill(this.subnetArea, ...rows, service ? null : h('p', { class: 'hint' }, 'Verify the service to see which zones it offers.'));
  }

  private renderGroups(values: FormValues, details: VpcDetailsView | undefined): void {
    this.dynamic = this.dynamic.filter((c) => !this.sourceGroupsArea.contains(c.element));
    if (!details) {
      fill(this.sourceGroupsArea, h('p', { class: 'hint' }, 'Choose a VPC first.'));
      this.existingGroup.setChoices([{ value: '', label: 'Choose a VPC first' }], '');
      return;
    }
    const candidates = clientGroupCandidates(details);
    const boxes = candidates.map((g) => {
      const box = checkbox({ id: `source-${g.id}`, value: g.id, label: `${g.name} — ${g.id}${g.description ? ` (${g.description})` : ''}`, checked: values.sourceGroupIds.includes(g.id) });
      box.onChange((checked) => this.events.toggleSourceGroup(g.id, checked));
      this.dynamic.push(box);
      return box.element;
    });
    fill(this.sourceGroupsArea, ...(boxes.length ? boxes : [h('p', { class: 'hint' }, 'This VPC has no application security group; allow CIDR ranges instead.')]));
    this.existingGroup.setChoices(
      [{ value: '', label: 'Choose a security group…' }, ...details.securityGroups.map((g) => ({ value: g.id, label: `${g.name} — ${g.id}` }))],
      values.existingGroupId,
    );
  }

  private renderExistingStatus(values: FormValues, details: VpcDetailsView | undefined): void {
    const group = details?.securityGroups.find((g) => g.id === values.existingGroupId);
    if (!group) return fill(this.existingStatus);
    const covers = (port: number) => group.ingress.some((r) => r.protocol === 'all' || r.protocol === '-1' || (r.protocol === 'tcp' && r.fromPort <= port && port <= r.toPort));
    fill(
      this.existingStatus,
      h('p', { class: covers(5432) ? 'ok' : 'issue warning' }, `Inbound 5432: ${covers(5432) ? 'allowed' : 'no rule'}`),
      h('p', { class: covers(6432) ? 'ok' : 'issue warning' }, `Inbound 6432: ${covers(6432) ? 'allowed' : 'no rule'}`),
    );
  }

  /** An AWS error next to its field; expired or missing credentials get "Sign in again". */
  private errorLine(error: ErrorView, signInId: string): HTMLElement {
    return h(
      'div',
      { class: 'issue-block' },
      h('p', { class: 'issue error', role: 'alert' }, error.message, error.fix ? ` ${error.fix}` : ''),
      error.signIn ? this.dynamicButton(signInId, 'Sign in again', () => this.events.signIn()) : null,
    );
  }

  private dynamicButton(id: string, label: string, onClick: () => void): HTMLElement {
    const b = button({ id, label, secondary: true });
    b.onClick(onClick);
    b.setDisabled(this.disabled);
    this.dynamic = this.dynamic.filter((c) => c.element.id !== id);
    this.dynamic.push(b);
    return b.element;
  }
}

function withCurrent(list: string[], current: string): string[] {
  return list.includes(current) ? list : [current, ...list];
}

function originText(snapshot: HostSnapshot | undefined): string {
  const origin = snapshot?.origin;
  if (!origin) return '';
  switch (origin.kind) {
    case 'branch':
      return `For PlanetScale branch ${origin.organization}/${origin.database}/${origin.branch}${origin.privateHost ? ` (Private Host ${origin.privateHost})` : ''}. The service name below comes from it.`;
    case 'vpc':
      return `For VPC ${origin.vpcId}. Paste the Private Service Name of your PlanetScale branch.`;
    default:
      return 'Paste the Private Service Name of your PlanetScale branch, then pick the VPC and subnets.';
  }
}
