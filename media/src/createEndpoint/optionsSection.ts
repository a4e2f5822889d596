// Section 5, DNS and name: whether the endpoint gets the service's private DNS name, and its
// Name tag.
import { checkbox, textField, type CheckControl, type ValueControl } from '../toolkit';
import { h } from './dom';
import { issueId, issueSlot, section, type SectionEvents } from './sectionKit';

export class OptionsSection {
  readonly element: HTMLElement;
  readonly privateDns: CheckControl;
  readonly nameTag: ValueControl;

  constructor(events: SectionEvents) {
    this.privateDns = checkbox({ id: 'privateDns', label: 'Enable private DNS name (recommended: the Private Host then resolves to this endpoint)', checked: true, describedBy: issueId('privateDns') });
    this.privateDns.onChange((checked) => events.edit({ privateDns: checked }, 'privateDns'));
    this.nameTag = textField({ id: 'nameTag', label: 'Name tag', describedBy: issueId('nameTag') });
    this.nameTag.onChange((value) => events.edit({ nameTag: value }, 'nameTag'));
    this.element = section(
      'options-section',
      '5. DNS and name',
      h('div', { class: 'field' }, this.privateDns.element, issueSlot('privateDns')),
      h('div', { class: 'field' }, this.nameTag.element, issueSlot('nameTag')),
    );
  }
}
