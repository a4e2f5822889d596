// What one diagnosis is run with, asking only what is not known yet (the endpoint, where to
// measure from, where the application runs, the optional login), and "Change inputs…": one
// question listing each answer as it is now, then that answer asked again.
import { describeClient } from '../../diagnose/clientLocation';
import { vantageLabel } from '../../diagnose/instanceVantage';
import type { DiagnoseVantage } from '../../diagnose/diagnoseTypes';
import type { ClientLocation } from '../../diagnose/clientLocation';
import { DIAGNOSE_TITLE, type Credentials, type DiagnosePrompts } from './diagnosePrompts';
import type { DiagnoseTarget } from './diagnoseTarget';
import type { DiagnoseUi } from './diagnoseUi';
import type { DiagnoseVantagePrompt } from './diagnoseVantagePrompt';

/** Everything one diagnosis needs; the password stays in memory only. */
export interface DiagnoseRequest {
  target: DiagnoseTarget;
  /** Where the application runs; unused when measuring from `vantage` (the instance is the client). */
  client?: ClientLocation;
  /** Measure DNS, TCP and TLS on this instance in the VPC. */
  vantage?: DiagnoseVantage;
  credentials?: Credentials;
}

export interface DiagnoseAsking {
  ui: DiagnoseUi;
  prompts: DiagnosePrompts;
  vantage: DiagnoseVantagePrompt;
  machineCidrs(): string[];
}

export type InputKind = 'vantage' | 'client' | 'login';

/** The client the rules are evaluated for, one line each (the instance when measuring from one). */
export function clientLines(request: DiagnoseRequest, machine: readonly string[]): string[] {
  const v = request.vantage;
  if (v) return [`${v.instanceId}${v.name ? ` (${v.name})` : ''}: ${[...v.securityGroupIds, v.privateIp, v.subnetId].filter(Boolean).join(', ')}`];
  return request.client ? describeClient(request.client, machine) : [];
}

/** The request for a command argument; undefined when the user dismissed a question. */
export async function askRequest(asking: DiagnoseAsking, arg: unknown): Promise<DiagnoseRequest | undefined> {
  const target = await asking.prompts.target(arg);
  return target ? completeRequest(asking, target) : undefined;
}

/** Asks which answer to change (each shown as it is now), then diagnoses with it changed. */
export async function changeInputs(asking: DiagnoseAsking, request: DiagnoseRequest): Promise<DiagnoseRequest | undefined> {
  const fromHere = !request.vantage;
  const items = [
    { label: '$(cloud) Measure from', description: request.vantage ? vantageLabel(request.vantage).replace(/^as seen from /, '') : 'this machine', value: 'vantage' as InputKind },
    ...(fromHere
      ? [
          { label: '$(shield) Where the application runs', description: request.client ? describeClient(request.client, asking.machineCidrs()).join(', ') : 'not given', value: 'client' as InputKind },
          { label: '$(account) Login check', description: request.credentials ? `as ${request.credentials.username}` : 'network only', value: 'login' as InputKind },
        ]
      : []),
  ];
  const placeHolder = fromHere ? 'Which answer to change? Each is remembered for this VPC or endpoint.' : 'Measured from an instance: its own groups, address and subnet are the client, and no login is tried.';
  const kind = await asking.ui.pick(items, { title: `${DIAGNOSE_TITLE}: change inputs`, placeHolder });
  return kind ? completeRequest(asking, request.target, kind) : undefined;
}

/** What a diagnosis of `target` needs that is not remembered, asking again the input `change` names. */
export async function completeRequest(asking: DiagnoseAsking, target: DiagnoseTarget, change?: InputKind): Promise<DiagnoseRequest | undefined> {
  const vantage = await asking.vantage.choose(target, { change: change === 'vantage' });
  if (!vantage) return undefined;
  if (vantage !== 'thisMachine') return { target, vantage };
  const client = await asking.prompts.clientLocation(target, { change: change === 'client' });
  if (!client) return undefined;
  const credentials = await asking.prompts.credentials(target, { change: change === 'login' });
  return { target, client, ...(credentials ? { credentials } : {}) };
}
