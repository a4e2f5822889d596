// Section 1, the endpoint service: its Private Service Name, the Verify button, and what the
// lookup found (zones, private DNS name, acceptance) or the error it hit.
import type { HostSnapshot } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button, progressRing, textField, type ButtonControl, type ValueControl } from '../toolkit';
import { fill, h } from './dom';
import type { DynamicControls } from './dynamicControls';
import type { FormValues } from './formValues';
import { issueId, issueSlot, section, type SectionEvents } from './sectionKit';

export class ServiceSection {
  readonly element: HTMLElement;
  readonly serviceName: ValueControl;
  readonly verifyButton: ButtonControl;
  private readonly status = h('div', { class: 'status', id: 'service-status', 'aria-live': 'polite' });

  constructor(events: SectionEvents) {
    this.serviceName = textField({
      id: 'serviceName',
      label: 'Private Service Name',
      placeholder: 'com.amazonaws.vpce.us-east-1.vpce-svc-…',
      describedBy: issueId('serviceName'),
    });
    this.serviceName.onChange((value) => events.edit({ serviceName: value }, 'serviceName'));
    this.verifyButton = button({ id: 'verify-service', label: 'Verify service', secondary: true });
    this.verifyButton.onClick(() => events.verify());
    this.element = section(
      'service-section',
      '1. Endpoint service',
      h('p', { class: 'hint' }, 'The Private Service Name of the PlanetScale branch. Verify it to see the zones it is offered in.'),
      h('div', { class: 'row' }, this.serviceName.element, this.verifyButton.element),
      issueSlot('serviceName'),
      this.status,
    );
  }

  renderStatus(values: FormValues, snapshot: HostSnapshot | undefined, verifying: boolean, dynamic: DynamicControls): void {
    const name = values.serviceName.trim();
    if (verifying) return fill(this.status, h('span', { class: 'row' }, progressRing('Verifying the service'), 'Looking up the service…'));
    const service = snapshot?.service?.serviceName === name ? snapshot.service : undefined;
    if (service) {
      return fill(
        this.status,
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
      return fill(this.status, dynamic.errorLine(error, 'service-signin'));
    }
    fill(this.status, name ? h('p', { class: 'hint' }, 'Not verified yet.') : null);
  }
}
