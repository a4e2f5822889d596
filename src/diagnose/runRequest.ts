// The runner's request for one diagnosis of a remembered target and client: which endpoint, where
// the client is now (this machine's addresses are read fresh each run), the optional login and
// Reachability Analyzer source, and the settings the fixes' CLI commands repeat.
import { clientInput, type ClientLocation } from './clientLocation';
import type { DiagnoseRequest } from './diagnoseRequest';
import type { DiagnoseCheck, DiagnoseVantage } from './diagnoseTypes';
import { instanceClient } from './instanceVantage';

/** What of a diagnose target the runner needs (the commands' DiagnoseTarget has more). */
export interface RunTarget {
  profile: string;
  region: string;
  endpointId: string;
  privateHost?: string;
}

export interface RunInputs {
  target: RunTarget;
  /** Where the application runs; not needed (and not used) when measuring from `vantage`. */
  client?: ClientLocation;
  /** Measure from this instance in the VPC; it is then the client the rules are evaluated for. */
  vantage?: DiagnoseVantage;
  /** This machine's current /32s (for a client that is "this machine"). */
  machine: readonly string[];
  credentials?: DiagnoseRequest['credentials'];
  reachabilitySourceId?: string;
  endpointUrl?: string;
  signal: AbortSignal;
  onCheck(check: DiagnoseCheck): void;
}

export function runRequest(inputs: RunInputs): DiagnoseRequest {
  const { target, credentials, vantage } = inputs;
  if (!vantage && !inputs.client) throw new Error('runRequest: give the client location or an instance to measure from.');
  return {
    region: target.region,
    endpointId: target.endpointId,
    client: vantage ? instanceClient(vantage) : clientInput(inputs.client!, inputs.machine),
    ...(vantage ? { vantage } : {}),
    ...(target.privateHost ? { privateHost: target.privateHost } : {}),
    // The probe on an instance carries no credentials.
    ...(credentials && !vantage ? { credentials } : {}),
    ...(inputs.reachabilitySourceId ? { reachability: { sourceId: inputs.reachabilitySourceId } } : {}),
    profile: target.profile,
    endpointUrl: inputs.endpointUrl,
    signal: inputs.signal,
    onCheck: inputs.onCheck,
  };
}
