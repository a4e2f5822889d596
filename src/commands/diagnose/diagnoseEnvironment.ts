// What a diagnosis reads from the editor's surroundings, read fresh on each run: the DNS server,
// CA file and EC2 endpoint settings (the same ones every other feature uses, so the sandbox is
// reached exactly as a user's AWS is) and this machine's addresses.
import { networkInterfaces } from 'node:os';
import type { AwsClients } from '../../aws/types';
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

/**
 * DNS lookups and connection probes through the verification pipeline's phases (in the lazy core),
 * and with `instance` the probe on that instance through Systems Manager.
 */
export function diagnoseCollaboratorsFor(
  core: Core,
  clients: Pick<AwsClients, 'ec2' | 'ssm' | 'region'>,
  env: DiagnoseEnvironment,
  instance?: { instanceId: string; onStatus?: (status: string) => void },
): DiagnoseCollaborators {
  const dnsServer = env.dnsServer();
  const caFile = env.caFile();
  const local = core.diagnoseCollaborators({ ec2: clients.ec2, ...(dnsServer ? { dnsServer } : {}), ...(caFile ? { caFile } : {}) });
  if (!instance) return local;
  const run = instance.onStatus ? { onStatus: instance.onStatus } : undefined;
  return { ...local, probeFromInstance: core.instanceProbe(clients.ssm, { instanceId: instance.instanceId, region: clients.region, ...(run ? { run } : {}) }) };
}
