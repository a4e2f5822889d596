// Section 2, the VPC: the VPC picker with Reload, and what the chosen VPC's details say (DNS
// settings, endpoints it already has for this service, whether any zone fits the service).
import type { HostSnapshot, ServiceView, VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button, dropdown, progressRing, type ButtonControl, type DropdownControl } from '../toolkit';
import { fill, h } from './dom';
import type { DynamicControls } from './dynamicControls';
import { subnetsByZone, type FormValues } from './formValues';
import { issueId, issueSlot, section, type SectionEvents } from './sectionKit';

export class VpcSection {
  readonly element: HTMLElement;
  readonly vpc: DropdownControl;
  readonly refresh: ButtonControl;
  private readonly status = h('div', { class: 'status', id: 'vpc-status', 'aria-live': 'polite' });

  constructor(private readonly events: SectionEvents) {
    this.vpc = dropdown({ id: 'vpcId', label: 'VPC', choices: [], describedBy: issueId('vpcId') });
    this.vpc.onChange((value) => {
      events.edit({ vpcId: value }, 'vpcId');
      if (value) events.selectVpc(value);
    });
    this.refresh = button({ id: 'refresh-vpcs', label: 'Reload', secondary: true, ariaLabel: 'Reload the VPC list' });
    this.refresh.onClick(() => events.refreshVpcs());
    this.element = section(
      'vpc-section',
      '2. VPC',
      h('p', { class: 'hint' }, 'The VPC your application runs in, in the same region as the database.'),
      h('div', { class: 'row' }, h('label', { for: 'vpcId' }, 'VPC'), this.vpc.element, this.refresh.element),
      issueSlot('vpcId'),
      this.status,
    );
  }

  updateChoices(values: FormValues, snapshot: HostSnapshot, externalEpoch: number, dynamic: DynamicControls): void {
    dynamic.rebuild('vpcs', JSON.stringify([snapshot.vpcs?.map((v) => v.id), values.vpcId, externalEpoch]), () =>
      this.vpc.setChoices(
        [
          { value: '', label: snapshot.vpcs ? (snapshot.vpcs.length ? 'Choose a VPC…' : 'No VPC in this region') : 'Loading VPCs…' },
          ...(snapshot.vpcs ?? []).map((v) => ({ value: v.id, label: `${v.name ?? '(no name)'} — ${v.id} — ${v.cidrBlock}${v.isDefault ? ' (default VPC)' : ''}` })),
        ],
        values.vpcId,
      ),
    );
  }

  renderStatus(
    values: FormValues,
    snapshot: HostSnapshot | undefined,
    details: VpcDetailsView | undefined,
    service: ServiceView | undefined,
    busy: { vpc: boolean; dns: boolean },
    dynamic: DynamicControls,
  ): void {
    if (snapshot?.vpcsError) return fill(this.status, dynamic.errorLine(snapshot.vpcsError, 'vpcs-signin'));
    if (!values.vpcId) return fill(this.status);
    if (busy.vpc || busy.dns) return fill(this.status, h('span', { class: 'row' }, progressRing('Loading the VPC'), busy.dns ? 'Turning on DNS support and hostnames…' : 'Reading subnets, security groups and DNS settings…'));
    if (!details) {
      const error = snapshot?.vpcDetailsError;
      return fill(this.status, error ? dynamic.errorLine(error, 'vpc-signin') : null);
    }
    const dnsOk = details.dns.enableDnsSupport && details.dns.enableDnsHostnames;
    const dnsLine = dnsOk
      ? h('p', { class: 'ok', id: 'vpc-dns' }, 'DNS support and DNS hostnames are on (private DNS can work).')
      : h(
          'div',
          { class: 'message warning', id: 'vpc-dns' },
          h('p', {}, `Private DNS needs both DNS settings on this VPC: DNS support is ${details.dns.enableDnsSupport ? 'on' : 'off'}, DNS hostnames are ${details.dns.enableDnsHostnames ? 'on' : 'off'}.`),
          dynamic.button('enable-dns', 'Turn on DNS support and hostnames…', () => this.events.enableDns()),
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
      this.status,
      dnsLine,
      existing,
      zones === 0 ? h('p', { class: 'issue error' }, 'This VPC has no subnet in a zone the service offers.') : null,
    );
  }
}
