// The runner's request for one diagnosis of a remembered target and client: which endpoint, where
// the client is now (this machine's addresses are read fresh each run), the optional login and
// Reachability Analyzer source, and the settings the fixes' CLI commands repeat.
import { clientInput, type ClientLocation } from './clientLocation';
import type { DiagnoseRequest } from './diagnoseRequest';
import type { DiagnoseCheck } from './diagnoseTypes';

/** What of a diagnose target the runner needs (the commands' DiagnoseTarget has more). */
export interface RunTarget {
  profile: string;
  region: string;
  endpointId: string;
  privateHost?: string;
}

export interface RunInputs {
  target: RunTarget;
  client: ClientLocation;
  /** This machine's current /32s (for a client that is "this machine"). */
  machine: readonly string[];
  credentials?: DiagnoseRequest['credentials'];
  reachabilitySourceId?: string;
  endpointUrl?: string;
  signal: AbortSignal;
  onCheck(check: DiagnoseCheck): void;
}

export function runRequest(inputs: RunInputs): DiagnoseRequest {
  const { target, credentials } = inputs;
  return {
    region: target.region,
    endpointId: target.endpointId,
    client: clientInput(inputs.client, inputs.machine),
    ...(target.privateHost ? { privateHost: target.privateHost } : {}),
    ...(credentials ? { credentials } : {}),
    ...(inputs.reachabilitySourceId ? { reachability: { sourceId: inputs.reachabilitySourceId } } : {}),
    profile: target.profile,
    endpointUrl: inputs.endpointUrl,
    signal: inputs.signal,
    onCheck: inputs.onCheck,
  };
}
