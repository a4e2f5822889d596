// What a diagnosis reads from the editor's surroundings, read fresh on each run: the DNS server,
// CA file and EC2 endpoint settings (the same ones every other feature uses, so the sandbox is
// reached exactly as a user's AWS is) and this machine's addresses.
import { networkInterfaces } from 'node:os';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { DiagnoseCollaborators } from '../../diagnose/diagnoseRunner';
import type { Core } from '../../lazyCore';
import { readSettings } from '../../services/settings';
import type { WorkspaceSettingsConsent } from '../../services/workspaceSettingsConsent';
import { machineCidrs } from '../../diagnose/clientLocation';

export interface DiagnoseEnvironment {
  dnsServer(): string | undefined;
  caFile(): string | undefined;
  endpointUrl(): string | undefined;
  machineCidrs(): string[];
}

/** `consent`: workspace values of the DNS server, CA file and endpoint apply only once the user agreed. */
export function editorEnvironment(consent: WorkspaceSettingsConsent): DiagnoseEnvironment {
  return {
    dnsServer: () => readSettings(consent).dnsServer,
    caFile: () => readSettings(consent).caFile,
    endpointUrl: () => readSettings(consent).awsEndpointUrl,
    machineCidrs: () => machineCidrs(networkInterfaces()),
  };
}

/** DNS lookups and connection probes through the verification pipeline's phases (in the lazy core). */
export function diagnoseCollaboratorsFor(core: Core, ec2: EC2Client, env: DiagnoseEnvironment): DiagnoseCollaborators {
  const dnsServer = env.dnsServer();
  const caFile = env.caFile();
  return core.diagnoseCollaborators({ ec2, ...(dnsServer ? { dnsServer } : {}), ...(caFile ? { caFile } : {}) });
}
