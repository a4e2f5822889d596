// What the form's sections share: the events they report, the validation fields with their
// message slots, and the titled <section> markup.
import { h } from './dom';
import type { FormValues } from './formValues';

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

export const issueId = (field: string) => `issues-${field.replace(/\./g, '-')}`;

export function issueSlot(field: string): HTMLElement {
  return h('div', { class: 'issues', id: issueId(field), 'aria-live': 'polite' });
}

export function section(id: string, title: string, ...children: Array<Node | null>): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...children);
}
