// Where Diagnose measures from: this machine, or an instance in the endpoint's VPC (through
// Systems Manager). Asked once per VPC: when this machine's DNS shows it is outside the VPC the
// user is offered an instance (the same picker and per-VPC memory as Verify from an Instance);
// the answer is remembered, and "Change inputs…" asks again.
import { buildProbeScript } from '../../aws/vantage/probeScript';
import { detectVantage } from '../../aws/vantage/vantageDetection';
import type { VantageCandidate } from '../../aws/vantage/vantageCandidates';
import { POSTGRES_PORTS, type DiagnoseVantage } from '../../diagnose/diagnoseTypes';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError } from '../../errors/userFacingError';
import type { VantageUi } from '../verifyFromInstance/vantageUi';
import type { DiagnoseEnvironment } from './diagnoseEnvironment';
import type { DiagnoseMemory } from './diagnoseMemory';
import type { DiagnoseTarget } from './diagnoseTarget';
import type { DiagnoseUi } from './diagnoseUi';

export const DIAGNOSE_FROM_INSTANCE = 'Diagnose from an Instance';

export type VantageAnswer = DiagnoseVantage | 'thisMachine';

export interface VantagePromptDeps {
  services: ExtensionServices;
  ui: DiagnoseUi;
  vantageUi: VantageUi;
  memory: DiagnoseMemory;
  environment: DiagnoseEnvironment;
}

export class DiagnoseVantagePrompt {
  constructor(private readonly deps: VantagePromptDeps) {}

  /** Undefined when the user dismissed a question. `change`: ask again, whatever is remembered. */
  async choose(target: DiagnoseTarget, options: { change?: boolean } = {}): Promise<VantageAnswer | undefined> {
    const { memory } = this.deps;
    const remembered = memory.vantageChoice(target.region, target.vpcId);
    if (options.change) return this.askWhere(target, remembered);
    if (remembered === 'thisMachine' || !target.privateHost) return 'thisMachine';
    if (remembered === 'instance') return this.instance(target, { pickAgain: false });
    const outside = await this.outsideMessage(target);
    if (!outside) return 'thisMachine';
    const detail = 'DNS answers, TCP and TLS are then measured on the instance through Systems Manager (a read-only probe, no secret), and the security groups and network ACLs evaluated for its own groups and subnet. Remembered for this VPC; change it with "Change inputs…" on the results.';
    const fromInstance = await this.deps.ui.confirm(outside, detail, DIAGNOSE_FROM_INSTANCE);
    if (!fromInstance) {
      await memory.setVantageChoice(target.region, target.vpcId, 'thisMachine');
      return 'thisMachine';
    }
    return this.instance(target, { pickAgain: true });
  }

  private async askWhere(target: DiagnoseTarget, remembered: 'thisMachine' | 'instance' | undefined): Promise<VantageAnswer | undefined> {
    const where = await this.deps.ui.pick<'thisMachine' | 'instance'>(
      [
        { label: '$(vm) This machine', detail: 'Resolve and connect from here (inside the VPC, or over Remote-SSH).', value: 'thisMachine', picked: remembered !== 'instance' },
        { label: `$(cloud) An instance in ${target.vpcId}`, detail: 'Measure on an SSM-managed Linux instance there (Systems Manager Run Command).', value: 'instance', picked: remembered === 'instance' },
      ],
      { title: 'Diagnose Private Connection: measure from where?', placeHolder: remembered ? `Now: ${remembered === 'instance' ? 'an instance in the VPC' : 'this machine'}` : 'Remembered for this VPC' },
    );
    if (!where) return undefined;
    if (where === 'thisMachine') {
      await this.deps.memory.setVantageChoice(target.region, target.vpcId, 'thisMachine');
      return 'thisMachine';
    }
    return this.instance(target, { pickAgain: true });
  }

  /** The message offering an instance when this machine's DNS shows it is outside the VPC, else undefined. */
  private async outsideMessage(target: DiagnoseTarget): Promise<string | undefined> {
    const core = this.deps.services.core.get();
    const ec2 = this.deps.services.aws.clients(target.profile, target.region).ec2;
    let ips: string[];
    try {
      ({ ips } = await core.endpointInterfaceIps(ec2, target.endpointId));
    } catch {
      return undefined; // Not available (or unreadable): the endpoint check says why.
    }
    const dnsServer = this.deps.environment.dnsServer();
    const answers = await core.diagnoseCollaborators({ ec2, ...(dnsServer ? { dnsServer } : {}) }).resolveHost(target.privateHost ?? '').catch(() => []);
    const vantage = detectVantage(target.privateHost ?? '', answers, ips, target.vpcId, 'Diagnose from an instance inside it?');
    // Other private answers are a DNS fault inside a network: the DNS answers check shows it.
    return vantage.inside || vantage.why === 'other-ips' ? undefined : vantage.message;
  }

  private async instance(target: DiagnoseTarget, options: { pickAgain: boolean }): Promise<VantageAnswer | undefined> {
    const { services, memory, vantageUi } = this.deps;
    const core = services.core.get();
    const clients = services.aws.clients(target.profile, target.region);
    // A missing or unavailable endpoint still gets diagnosed: its state check says why (and checks 5 and 6 are skipped).
    const endpoint = (await core.describeEndpoints(clients.ec2, [target.endpointId])).found.get(target.endpointId);
    const groups = endpoint ? await core.describeSecurityGroups(clients.ec2, endpoint.securityGroupIds) : [];
    const ips = endpoint?.state === 'available' ? (await core.endpointInterfaceIps(clients.ec2, target.endpointId).catch(forUser)).ips : [];
    const listed = await core.listVantageCandidates(clients, { vpcId: target.vpcId, endpointGroups: groups, ports: [...POSTGRES_PORTS], region: target.region }).catch(forUser);
    // Diagnose can use an instance the endpoint does not admit: it shows which rule is missing.
    const candidates = listed.map((c) => ({ ...c, suitable: c.probeable, reasons: c.probeable ? [] : c.reasons }));
    const rememberedId = services.vantage.instanceFor(target.vpcId);
    let chosen: VantageCandidate | undefined = options.pickAgain ? undefined : candidates.find((c) => c.instanceId === rememberedId && c.suitable);
    if (!chosen) {
      if (!candidates.some((c) => c.suitable)) {
        const why = candidates.map((c) => `${c.name ?? c.instanceId}: ${c.reasons.join('; ')}`).join('\n') || 'no running instances';
        throw new UserFacingError(`No instance in ${target.vpcId} can run the probe: it needs an Online Linux instance managed by Systems Manager. Or choose "This machine" with "Change inputs…".`, [], why);
      }
      chosen = await vantageUi.pickInstance(target.vpcId, candidates, rememberedId, `Diagnose from an instance in ${target.vpcId}`);
      if (!chosen) return undefined;
    }
    if (!services.vantage.scriptSeen()) {
      // Nothing to show (and nothing will be sent) until the endpoint has interface IPs.
      if (!ips.length) return 'thisMachine';
      const script = buildProbeScript({ privateHost: target.privateHost ?? '', interfaceIps: ips, ports: [...POSTGRES_PORTS] });
      if (!(await vantageUi.confirmScript(chosen, script))) return undefined;
      await services.vantage.markScriptSeen();
    }
    await services.vantage.rememberInstance(target.vpcId, chosen.instanceId);
    await memory.setVantageChoice(target.region, target.vpcId, 'instance');
    return {
      instanceId: chosen.instanceId,
      securityGroupIds: [...chosen.securityGroupIds],
      ...(chosen.name ? { name: chosen.name } : {}),
      ...(chosen.subnetId ? { subnetId: chosen.subnetId } : {}),
      ...(chosen.privateIp ? { privateIp: chosen.privateIp } : {}),
    };
  }
}

function forUser(error: unknown): never {
  if ((error as Error)?.name === 'SsmProbeError') throw new UserFacingError((error as Error).message);
  throw error;
}
