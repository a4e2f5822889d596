// Sends the probe to one instance with Run Command and waits for its result: bounded (delivery
// and execution timeouts), cancellable (CancelCommand when the caller aborts), polling with
// back-off. InvocationDoesNotExist right after SendCommand means "not yet" (Run Command is
// eventually consistent); throttled polls slow down. Runtime SDK import: reach this module only
// through coreEntry.ts.
import { CancelCommandCommand, GetCommandInvocationCommand, GetCommandInvocationCommandOutput, SendCommandCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { classifySsmError, isSsmThrottling, SsmProbeError } from '../ssmErrors';
import { parseProbeOutput, ProbeOutputError, type ProbeReport, SSM_STDOUT_LIMIT } from './probeResult';
import { abortableSleep } from '../../connection/abortableSleep';

export interface ProbeRunOptions {
  instanceId: string;
  script: string;
  region?: string;
  /** SendCommand TimeoutSeconds: how long the command may wait for the agent (30 or more; default 60). */
  deliveryTimeoutSeconds?: number;
  /** The document's executionTimeout: how long the script may run there (default 60). */
  executionTimeoutSeconds?: number;
  signal?: AbortSignal;
  /** Waits between polls, in order; the last repeats (default 1.5 s, then 1, 1.5, 2.5, 4, 5 s…). */
  pollDelaysMs?: number[];
  onStatus?: (status: string) => void;
  now?: () => number;
}

export interface ProbeRun {
  commandId: string;
  instanceId: string;
  report: ProbeReport;
  /** SSM calls made (SendCommand, polls, cancel). */
  calls: number;
  elapsedMs: number;
}

const DEFAULT_DELAYS = [1500, 1000, 1500, 2500, 4000, 5000];
export const PROBE_COMMENT = 'PlanetScale PrivateLink probe (read-only, no secrets)';

function abortError(): Error {
  const error = new Error('The verification from the instance was cancelled.');
  error.name = 'AbortError';
  return error;
}

export async function runProbe(ssm: SSMClient, options: ProbeRunOptions): Promise<ProbeRun> {
  const now = options.now ?? Date.now;
  const started = now();
  const { instanceId, signal } = options;
  const delivery = Math.max(30, options.deliveryTimeoutSeconds ?? 60);
  const execution = Math.max(5, options.executionTimeoutSeconds ?? 60);
  const context = (action: string) => ({ instanceId, action, region: options.region });
  let calls = 0;
  if (signal?.aborted) throw abortError();

  calls++;
  const sent = await ssm.send(new SendCommandCommand({
    DocumentName: 'AWS-RunShellScript',
    InstanceIds: [instanceId],
    Comment: PROBE_COMMENT,
    TimeoutSeconds: delivery,
    Parameters: { commands: options.script.split('\n'), executionTimeout: [String(execution)] },
  }), { abortSignal: signal }).catch((error: unknown) => {
    if ((error as Error)?.name === 'AbortError') throw abortError();
    throw classifySsmError(error, context('ssm:SendCommand'));
  });
  const commandId = sent.Command?.CommandId;
  if (!commandId) throw new SsmProbeError('other', 'Systems Manager accepted the command but returned no command id.');
  options.onStatus?.('Pending');

  const cancel = async () => {
    calls++;
    await ssm.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [instanceId] })).catch(() => undefined);
  };
  // Beyond both timeouts the service itself has ended the command; allow for slow polls.
  const deadline = started + (delivery + execution) * 1000 + 15_000;
  const delays = options.pollDelaysMs ?? DEFAULT_DELAYS;
  let invocation: GetCommandInvocationCommandOutput | undefined;
  for (let attempt = 0; ; attempt++) {
    let delay = delays[Math.min(attempt, delays.length - 1)];
    try {
      await abortableSleep(delay, signal, abortError);
    } catch (error) {
      await cancel();
      throw error;
    }
    if (now() > deadline) {
      await cancel();
      throw new SsmProbeError('executionTimedOut', `No result from ${instanceId} within ${delivery + execution} s; the command was cancelled. Check the instance's SSM agent, then verify again.`);
    }
    calls++;
    try {
      invocation = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    } catch (error) {
      const code = (error as Error)?.name;
      if (code === 'InvocationDoesNotExist') continue; // not yet visible
      if (isSsmThrottling(error)) {
        delay *= 2;
        continue;
      }
      throw classifySsmError(error, context('ssm:GetCommandInvocation'));
    }
    const status = invocation.Status ?? 'Pending';
    options.onStatus?.(status);
    if (['Pending', 'InProgress', 'Delayed', 'Cancelling'].includes(status)) continue;
    break;
  }
  return { commandId, instanceId, report: resultOf(invocation, instanceId, delivery, execution), calls, elapsedMs: now() - started };
}

function resultOf(invocation: GetCommandInvocationCommandOutput, instanceId: string, delivery: number, execution: number): ProbeReport {
  const status = invocation.Status;
  const details = invocation.StatusDetails ?? '';
  const stderr = (invocation.StandardErrorContent ?? '').trim().split('\n')[0]?.slice(0, 200) ?? '';
  if (status === 'Success') {
    try {
      return parseProbeOutput(invocation.StandardOutputContent ?? '');
    } catch (error) {
      if (error instanceof ProbeOutputError) {
        const kind = error.reason === 'truncated' ? 'truncated' : 'noResult';
        const size = (invocation.StandardOutputContent ?? '').length >= SSM_STDOUT_LIMIT ? ' (Systems Manager keeps 24,000 characters of output)' : '';
        throw new SsmProbeError(kind, `${error.message}${size} Nothing was proven on ${instanceId}.`);
      }
      throw error;
    }
  }
  if (status === 'TimedOut' && /Delivery/i.test(details)) {
    throw new SsmProbeError('undelivered', `The probe was never delivered to ${instanceId} within ${delivery} s: its SSM agent is offline (ConnectionLost) or cannot reach Systems Manager (private subnets need the ssm and ec2messages VPC endpoints). Pick an Online instance.`);
  }
  if (status === 'TimedOut') {
    throw new SsmProbeError('executionTimedOut', `The probe ran longer than ${execution} s on ${instanceId} and was stopped by Systems Manager; nothing was proven.`);
  }
  if (status === 'Cancelled') throw new SsmProbeError('cancelled', `The probe on ${instanceId} was cancelled before it finished; nothing was proven.`);
  if (details === 'Undeliverable' || details === 'Terminated') {
    throw new SsmProbeError('undelivered', `The probe could not run on ${instanceId} (${details}): the instance is gone or stopped. Pick a running instance.`);
  }
  throw new SsmProbeError('failed', `The probe failed on ${instanceId} (exit code ${invocation.ResponseCode ?? '?'}${stderr ? `: ${stderr}` : ''}); nothing was proven.`);
}
