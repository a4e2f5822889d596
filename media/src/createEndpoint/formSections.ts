// The form's input sections, built once (so typing never loses focus), with the parts that depend
// on AWS data (VPC list, subnets per AZ, security groups) rebuilt only when that data changes.
import type { ValidationIssue } from '../../../src/aws/createEndpoint/endpointRequest';
import type { HostSnapshot } from '../../../src/webviews/protocol/createEndpointProtocol';
import type { Control } from '../toolkit';
import { ContextHeader } from './contextHeader';
import { fill, h } from './dom';
import { DynamicControls } from './dynamicControls';
import type { FormValues } from './formValues';
import { OptionsSection } from './optionsSection';
import { ISSUE_FIELDS, issueId, type SectionEvents } from './sectionKit';
import { SecurityGroupSection } from './securityGroupSection';
import { ServiceSection } from './serviceSection';
import { SubnetSection } from './subnetSection';
import { VpcSection } from './vpcSection';

export class FormSections {
  readonly element: HTMLElement;
  private readonly dynamic: DynamicControls;
  private readonly header: ContextHeader;
  private readonly service: ServiceSection;
  private readonly vpc: VpcSection;
  private readonly subnets: SubnetSection;
  private readonly sg: SecurityGroupSection;
  private readonly options: OptionsSection;
  /** The controls built once, which disabling the form reaches along with the rebuilt ones. */
  private readonly inputs: Control[];

  constructor(events: SectionEvents) {
    this.dynamic = new DynamicControls(() => events.signIn());
    this.header = new ContextHeader(events);
    this.service = new ServiceSection(events);
    this.vpc = new VpcSection(events);
    this.subnets = new SubnetSection(events);
    this.sg = new SecurityGroupSection(events);
    this.options = new OptionsSection(events);
    this.inputs = [
      this.header.profile,
      this.header.region,
      this.service.serviceName,
      this.service.verifyButton,
      this.vpc.vpc,
      this.vpc.refresh,
      ...this.sg.controls,
      this.options.privateDns,
      this.options.nameTag,
    ];
    this.element = h(
      'form',
      { id: 'create-endpoint-form', novalidate: true, 'aria-describedby': 'origin' },
      this.header.element,
      this.service.element,
      this.vpc.element,
      this.subnets.element,
      this.sg.element,
      this.options.element,
    );
  }

  /** Brings every control in line with the state; dynamic lists are rebuilt only when their data changed. */
  update(values: FormValues, snapshot: HostSnapshot | undefined, busy: { verify: boolean; vpc: boolean; dns: boolean }, externalEpoch: number): void {
    this.header.update(snapshot, this.dynamic);
    if (snapshot) this.vpc.updateChoices(values, snapshot, externalEpoch, this.dynamic);
    this.service.serviceName.value = values.serviceName;
    this.sg.groupName.value = values.groupName;
    this.sg.cidrs.value = values.cidrsText;
    this.options.nameTag.value = values.nameTag;
    this.options.privateDns.checked = values.privateDns;
    this.sg.showValues(values);

    this.service.renderStatus(values, snapshot, busy.verify, this.dynamic);
    const details = snapshot?.vpcDetails && snapshot.vpcDetails.vpc.id === values.vpcId ? snapshot.vpcDetails : undefined;
    const service = snapshot?.service && snapshot.service.serviceName === values.serviceName.trim() ? snapshot.service : undefined;
    this.vpc.renderStatus(values, snapshot, details, service, busy, this.dynamic);
    this.dynamic.rebuild('subnets', JSON.stringify([details?.vpc.id, details?.subnets.map((s) => s.id), service?.availabilityZones, externalEpoch]), () =>
      this.subnets.render(values, details, service, busy.vpc, this.dynamic),
    );
    this.dynamic.rebuild('groups', JSON.stringify([details?.vpc.id, details?.securityGroups.map((g) => g.id), externalEpoch]), () => this.sg.renderGroups(values, details, this.dynamic));
    this.sg.renderExistingStatus(values, details);
    this.dynamic.applyDisabled(this.inputs);
  }

  /** The text field the user is typing in, if any: code must not change its value under them. */
  fieldBeingEdited(): 'serviceName' | 'groupName' | 'cidrsText' | 'nameTag' | undefined {
    const fields = [
      [this.service.serviceName, 'serviceName'],
      [this.sg.groupName, 'groupName'],
      [this.sg.cidrs, 'cidrsText'],
      [this.options.nameTag, 'nameTag'],
    ] as const;
    return fields.find(([control]) => control.element.matches(':focus-within'))?.[1];
  }

  /** Disables every input while a create runs. */
  setDisabled(disabled: boolean): void {
    this.dynamic.setDisabled(this.inputs, disabled);
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
    this.service.serviceName.setInvalid(hasError('serviceName'));
    this.vpc.vpc.setInvalid(hasError('vpcId'));
    this.sg.groupName.setInvalid(hasError('securityGroup.groupName'));
    this.sg.cidrs.setInvalid(hasError('securityGroup.cidrs'));
    this.sg.existingGroup.setInvalid(hasError('securityGroup.groupId'));
    this.options.nameTag.setInvalid(hasError('nameTag'));
  }

  /** Moves focus to the control of a field (the first error after a Create attempt). */
  focusField(field: string): void {
    const target: Record<string, Control | undefined> = {
      region: this.header.region,
      serviceName: this.service.serviceName,
      vpcId: this.vpc.vpc,
      'securityGroup.mode': this.sg.sgMode,
      'securityGroup.groupName': this.sg.groupName,
      'securityGroup.cidrs': this.sg.cidrs,
      'securityGroup.groupId': this.sg.existingGroup,
      privateDns: this.options.privateDns,
      nameTag: this.options.nameTag,
    };
    const control = target[field];
    if (control) control.focus();
    else this.element.querySelector<HTMLElement>(`#${issueId(field)}`)?.scrollIntoView({ block: 'center' });
  }
}
