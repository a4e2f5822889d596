// Section 3, the subnets: one radio group per Availability Zone of the chosen VPC, zones the
// service does not offer shown but not selectable.
import type { ServiceView, VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { radioGroup } from '../toolkit';
import { fill, h } from './dom';
import type { DynamicControls } from './dynamicControls';
import { subnetsByZone, type FormValues } from './formValues';
import { issueId, issueSlot, section, type SectionEvents } from './sectionKit';

export class SubnetSection {
  readonly element: HTMLElement;
  private readonly area = h('div', { id: 'subnet-groups' });

  constructor(private readonly events: SectionEvents) {
    this.element = section(
      'subnet-section',
      '3. Subnets',
      h('p', { class: 'hint' }, 'At most one subnet per Availability Zone; two or more zones keep the endpoint up when a zone fails. Each zone costs about $0.01 an hour.'),
      this.area,
      issueSlot('subnetIds'),
    );
  }

  render(values: FormValues, details: VpcDetailsView | undefined, service: ServiceView | undefined, loading: boolean, dynamic: DynamicControls): void {
    dynamic.forgetIn(this.area);
    if (!details) return fill(this.area, h('p', { class: 'hint' }, loading ? 'Loading subnets…' : 'Choose a VPC first.'));
    const groups = subnetsByZone(details, service);
    if (!groups.length) return fill(this.area, h('p', { class: 'issue error' }, 'This VPC has no subnets.'));
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
      dynamic.add(control);
      return h('div', { class: `zone${selectable ? '' : ' unavailable'}`, 'data-zone': group.zone }, control.element);
    });
    fill(this.area, ...rows, service ? null : h('p', { class: 'hint' }, 'Verify the service to see which zones it offers.'));
  }
}
