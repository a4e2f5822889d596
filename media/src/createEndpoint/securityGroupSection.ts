// Section 4, the endpoint's security group: create a new one (name, and clients allowed in by
// security group or CIDR) or pick an existing one, with whether its rules cover 5432 and 6432.
import type { VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { checkbox, dropdown, radioGroup, textField, type DropdownControl, type ValueControl } from '../toolkit';
import { fill, h } from './dom';
import type { DynamicControls } from './dynamicControls';
import { clientGroupCandidates, type FormValues } from './formValues';
import { issueId, issueSlot, section, type SectionEvents } from './sectionKit';

export class SecurityGroupSection {
  readonly element: HTMLElement;
  readonly sgMode: ValueControl;
  readonly groupName: ValueControl;
  readonly sourceKind: ValueControl;
  readonly cidrs: ValueControl;
  readonly existingGroup: DropdownControl;
  private readonly createArea: HTMLElement;
  private readonly existingArea: HTMLElement;
  private readonly sourceGroupsArea = h('div', { id: 'source-groups', role: 'group', 'aria-label': 'Client security groups allowed to connect' });
  private readonly existingStatus = h('div', { class: 'status', id: 'existing-group-status' });

  constructor(private readonly events: SectionEvents) {
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
    this.element = section('sg-section', '4. Security group', this.sgMode.element, issueSlot('securityGroup.mode'), this.createArea, this.existingArea);
  }

  /** The controls the user always has, in the order they are built. */
  get controls(): ValueControl[] {
    return [this.sgMode, this.groupName, this.sourceKind, this.cidrs, this.existingGroup];
  }

  /** Shows the part of the section the chosen mode and source kind use. */
  showValues(values: FormValues): void {
    this.sgMode.value = values.sgMode;
    this.sourceKind.value = values.sourceKind;
    this.createArea.hidden = values.sgMode !== 'create';
    this.existingArea.hidden = values.sgMode !== 'existing';
    (this.createArea.querySelector('#sg-source-groups') as HTMLElement).hidden = values.sourceKind !== 'securityGroups';
    (this.createArea.querySelector('#sg-source-cidrs') as HTMLElement).hidden = values.sourceKind !== 'cidrs';
  }

  renderGroups(values: FormValues, details: VpcDetailsView | undefined, dynamic: DynamicControls): void {
    dynamic.forgetIn(this.sourceGroupsArea);
    if (!details) {
      fill(this.sourceGroupsArea, h('p', { class: 'hint' }, 'Choose a VPC first.'));
      this.existingGroup.setChoices([{ value: '', label: 'Choose a VPC first' }], '');
      return;
    }
    const candidates = clientGroupCandidates(details);
    const boxes = candidates.map((g) => {
      const box = checkbox({ id: `source-${g.id}`, value: g.id, label: `${g.name} — ${g.id}${g.description ? ` (${g.description})` : ''}`, checked: values.sourceGroupIds.includes(g.id) });
      box.onChange((checked) => this.events.toggleSourceGroup(g.id, checked));
      dynamic.add(box);
      return box.element;
    });
    fill(this.sourceGroupsArea, ...(boxes.length ? boxes : [h('p', { class: 'hint' }, 'This VPC has no application security group; allow CIDR ranges instead.')]));
    this.existingGroup.setChoices(
      [{ value: '', label: 'Choose a security group…' }, ...details.securityGroups.map((g) => ({ value: g.id, label: `${g.name} — ${g.id}` }))],
      values.existingGroupId,
    );
  }

  renderExistingStatus(values: FormValues, details: VpcDetailsView | undefined): void {
    const group = details?.securityGroups.find((g) => g.id === values.existingGroupId);
    if (!group) return fill(this.existingStatus);
    const covers = (port: number) => group.ingress.some((r) => r.protocol === 'all' || r.protocol === '-1' || (r.protocol === 'tcp' && r.fromPort <= port && port <= r.toPort));
    fill(
      this.existingStatus,
      h('p', { class: covers(5432) ? 'ok' : 'issue warning' }, `Inbound 5432: ${covers(5432) ? 'allowed' : 'no rule'}`),
      h('p', { class: covers(6432) ? 'ok' : 'issue warning' }, `Inbound 6432: ${covers(6432) ? 'allowed' : 'no rule'}`),
    );
  }
}
