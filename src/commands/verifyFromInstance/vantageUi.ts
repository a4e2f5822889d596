// The prompts of verifying from an instance, behind an interface so extension-host tests can
// script them (a fake at the edge, not a mock in the middle).
import * as vscode from 'vscode';
import type { VantageCandidate } from '../../aws/vantage/vantageCandidates';

export interface VantageUi {
  /** Picks one of the suitable candidates (preselected first); undefined when dismissed. */
  pickInstance(vpcId: string, candidates: VantageCandidate[], remembered?: string, title?: string): Promise<VantageCandidate | undefined>;
  /** Shows the script before its first run; true to run it. */
  confirmScript(instance: VantageCandidate, script: string): Promise<boolean>;
  /** Asks before a write from outside the VPC, naming what each leg proved; true to write. */
  confirmOutsideWrite(message: string, loginProven: boolean): Promise<boolean>;
  /** Offers verifying from the VPC when this machine is outside it; true to go on. */
  offerInstance(message: string): Promise<boolean>;
}

function describe(c: VantageCandidate): string {
  return [c.instanceId, c.subnetId, c.securityGroupIds.join(', '), c.ssm ? `${c.ssm.platformName ?? c.ssm.platformType ?? ''} agent ${c.ssm.agentVersion ?? '?'}` : c.platformDetails].filter(Boolean).join(' · ');
}

export function vscodeVantageUi(): VantageUi {
  return {
    async pickInstance(vpcId, candidates, remembered, title) {
      const ordered = [...candidates].sort((a, b) => Number(b.instanceId === remembered) - Number(a.instanceId === remembered));
      const items = ordered.map((c) => ({
        label: `${c.suitable ? '$(vm-active)' : '$(circle-slash)'} ${c.name ?? c.instanceId}`,
        description: describe(c),
        detail: c.suitable
          ? [c.instanceId === remembered ? 'Remembered for this VPC' : undefined, c.admitted ? 'Admitted by the endpoint\'s security group' : 'Not admitted by the endpoint\'s security group (Diagnose shows which rule is missing)'].filter(Boolean).join(' · ')
          : `Not usable: ${c.reasons.join('; ')}`,
        candidate: c,
      }));
      const picked = await vscode.window.showQuickPick(items, { title: title ?? `Verify from an instance in ${vpcId}`, placeHolder: 'An Online Linux instance managed by Systems Manager', ignoreFocusOut: true, matchOnDescription: true });
      if (picked && !picked.candidate.suitable) {
        void vscode.window.showWarningMessage(`${picked.candidate.name ?? picked.candidate.instanceId} cannot verify: ${picked.candidate.reasons.join('; ')}.`);
        return undefined;
      }
      return picked?.candidate;
    },
    async confirmScript(instance, script) {
      const run = 'Run on Instance';
      const pick = await vscode.window.showWarningMessage(
        `Run this read-only probe as root on ${instance.name ?? instance.instanceId} (${instance.instanceId}) through Systems Manager? It holds no secret; Systems Manager keeps it in its command history.`,
        { modal: true, detail: script },
        run,
      );
      return pick === run;
    },
    async confirmOutsideWrite(message, loginProven) {
      const write = loginProven ? 'Write' : 'Write Anyway';
      return (await vscode.window.showWarningMessage(message, { modal: true }, write)) === write;
    },
    async offerInstance(message) {
      const go = 'Verify from an Instance';
      return (await vscode.window.showWarningMessage(message, { modal: true }, go)) === go;
    },
  };
}
