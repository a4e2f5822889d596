// The form's header: title, where the form was opened from, and the AWS profile and region
// pickers (changing either asks the host for a new context).
import type { HostSnapshot } from '../../../src/webviews/protocol/createEndpointProtocol';
import { dropdown, type DropdownControl } from '../toolkit';
import { h } from './dom';
import type { DynamicControls } from './dynamicControls';
import { issueId, issueSlot, type SectionEvents } from './sectionKit';

export class ContextHeader {
  readonly element: HTMLElement;
  readonly profile: DropdownControl;
  readonly region: DropdownControl;
  private readonly originLine = h('p', { class: 'hint', id: 'origin' });

  constructor(events: SectionEvents) {
    this.profile = dropdown({ id: 'profile', label: 'AWS profile', choices: [] });
    this.region = dropdown({ id: 'region', label: 'AWS region', choices: [], describedBy: issueId('region') });
    const onContext = () => events.changeContext(this.profile.value, this.region.value);
    this.profile.onChange(onContext);
    this.region.onChange(onContext);
    this.element = h(
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
    );
  }

  update(snapshot: HostSnapshot | undefined, dynamic: DynamicControls): void {
    this.originLine.textContent = originText(snapshot);
    if (!snapshot) return;
    dynamic.rebuild('profile', JSON.stringify([snapshot.profiles, snapshot.profile]), () =>
      this.profile.setChoices(withCurrent(snapshot.profiles, snapshot.profile).map((p) => ({ value: p, label: p })), snapshot.profile),
    );
    dynamic.rebuild('region', JSON.stringify([snapshot.regions, snapshot.region]), () =>
      this.region.setChoices(withCurrent(snapshot.regions, snapshot.region).map((r) => ({ value: r, label: r })), snapshot.region),
    );
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
