// The collaborator that measures from an instance for Diagnose: builds the read-only probe (no
// secret in it) and sends it through Run Command to the chosen instance, returning the parsed
// report. Runtime SDK import (through ssmProbeRunner): reach it only through coreEntry.ts.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { buildProbeScript } from '../aws/vantage/probeScript';
import { runProbe, type ProbeRunOptions } from '../aws/vantage/ssmProbeRunner';
import type { InstanceProbe } from './instanceVantage';

export interface InstanceProbeOptions {
  instanceId: string;
  region?: string;
  /** Run Command settings (timeouts, poll delays, status callback). */
  run?: Omit<ProbeRunOptions, 'instanceId' | 'script' | 'signal' | 'region'>;
}

export function instanceProbe(ssm: SSMClient, options: InstanceProbeOptions): InstanceProbe {
  return async (input, signal) => {
    const script = buildProbeScript({ privateHost: input.privateHost, interfaceIps: input.interfaceIps, ports: input.ports });
    const run = await runProbe(ssm, { ...options.run, instanceId: options.instanceId, script, signal, region: options.region });
    return { report: run.report, commandId: run.commandId };
  };
}
