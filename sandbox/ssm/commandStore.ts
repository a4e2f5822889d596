// Run Command in the sandbox: commands and their per-instance invocations, moving
// Pending → InProgress → Success | Failed | TimedOut | Cancelled with realistic delays.
// An invocation is invisible for a moment after SendCommand (Run Command is eventually
// consistent: GetCommandInvocation answers InvocationDoesNotExist), output is empty until the
// script ends and then cut to 24,000 (stdout) and 8,000 (stderr) characters, as the service does.
import { randomUUID } from 'node:crypto';
import type { SandboxInstance } from '../ec2/types';

export const STDOUT_LIMIT = 24_000;
export const STDERR_LIMIT = 8_000;
export const PLUGIN_OUTPUT_LIMIT = 2_500;
export const PLUGIN_NAME = 'aws:runShellScript';

export type InvocationStatus = 'Pending' | 'InProgress' | 'Delayed' | 'Success' | 'Cancelled' | 'TimedOut' | 'Failed' | 'Cancelling';

export interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunningScript {
  done: Promise<ScriptResult>;
  /** Ends the script (its whole process group). */
  kill(): void;
}

/** Runs a script's text on a node the way the SSM agent would there. */
export type RunOnNode = (node: SandboxInstance, script: string, commandId: string) => Promise<RunningScript>;

export interface SsmTimings {
  /** How long after SendCommand an invocation is unknown to GetCommandInvocation (default 400 ms; read at each call). */
  visibleAfterMs: number;
  /** Time from SendCommand to the agent starting the script on an Online node (default 600 ms). */
  deliveryMs: number;
  /** Milliseconds per second of TimeoutSeconds and executionTimeout (default 1000; tests shrink it). */
  msPerSecond: number;
}

export interface Invocation {
  commandId: string;
  node: SandboxInstance;
  status: InvocationStatus;
  statusDetails: string;
  responseCode: number;
  stdout: string;
  stderr: string;
  requestedAt: number;
  startedAt?: number;
  endedAt?: number;
  running?: RunningScript;
  timers: NodeJS.Timeout[];
}

export interface CommandRecord {
  commandId: string;
  documentName: string;
  comment: string;
  parameters: Record<string, string[]>;
  instanceIds: string[];
  timeoutSeconds: number;
  executionTimeoutSeconds: number;
  requestedAt: number;
  invocations: Invocation[];
}

const TERMINAL: InvocationStatus[] = ['Success', 'Cancelled', 'TimedOut', 'Failed'];

export function isTerminal(status: InvocationStatus): boolean {
  return TERMINAL.includes(status);
}

export interface NewCommand {
  documentName: string;
  comment: string;
  parameters: Record<string, string[]>;
  nodes: SandboxInstance[];
  timeoutSeconds: number;
  executionTimeoutSeconds: number;
}

export class CommandStore {
  private readonly commands = new Map<string, CommandRecord>();
  private closed = false;

  constructor(readonly timings: SsmTimings, private readonly runOnNode: RunOnNode, private readonly now: () => number = Date.now) {}

  send(spec: NewCommand): CommandRecord {
    const requestedAt = this.now();
    const command: CommandRecord = {
      commandId: randomUUID(),
      documentName: spec.documentName,
      comment: spec.comment,
      parameters: spec.parameters,
      instanceIds: spec.nodes.map((n) => n.instanceId),
      timeoutSeconds: spec.timeoutSeconds,
      executionTimeoutSeconds: spec.executionTimeoutSeconds,
      requestedAt,
      invocations: [],
    };
    for (const node of spec.nodes) {
      const invocation: Invocation = {
        commandId: command.commandId, node, status: 'Pending', statusDetails: 'Pending', responseCode: -1, stdout: '', stderr: '',
        requestedAt, timers: [],
      };
      command.invocations.push(invocation);
      // An agent that lost its connection never picks the command up: it times out undelivered.
      if (node.ssm?.pingStatus === 'Online') this.later(invocation, this.timings.deliveryMs, () => void this.start(command, invocation));
      this.later(invocation, spec.timeoutSeconds * this.timings.msPerSecond, () => {
        if (invocation.status === 'Pending') this.finish(invocation, 'TimedOut', 'DeliveryTimedOut', -1);
      });
    }
    this.commands.set(command.commandId, command);
    return command;
  }

  get(commandId: string): CommandRecord | undefined {
    return this.commands.get(commandId);
  }

  list(): CommandRecord[] {
    return [...this.commands.values()].sort((a, b) => b.requestedAt - a.requestedAt);
  }

  /** Cancels the invocations that have not ended (all, or those of `instanceIds`). */
  cancel(command: CommandRecord, instanceIds?: string[]): void {
    for (const invocation of command.invocations) {
      if (isTerminal(invocation.status) || (instanceIds?.length && !instanceIds.includes(invocation.node.instanceId))) continue;
      if (!invocation.running) {
        this.finish(invocation, 'Cancelled', 'Cancelled', -1);
        continue;
      }
      invocation.status = 'Cancelling';
      invocation.statusDetails = 'Cancelling';
      // The agent takes a moment to act on the cancel; the script's exit settles the status.
      this.later(invocation, Math.min(200, this.timings.deliveryMs), () => invocation.running?.kill());
    }
  }

  close(): void {
    this.closed = true;
    for (const command of this.commands.values()) {
      for (const invocation of command.invocations) {
        invocation.timers.forEach(clearTimeout);
        invocation.running?.kill();
      }
    }
  }

  private later(invocation: Invocation, ms: number, action: () => void): void {
    const timer = setTimeout(action, Math.max(0, ms));
    timer.unref();
    invocation.timers.push(timer);
  }

  private async start(command: CommandRecord, invocation: Invocation): Promise<void> {
    if (invocation.status !== 'Pending' || this.closed) return;
    invocation.status = 'InProgress';
    invocation.statusDetails = 'InProgress';
    invocation.startedAt = this.now();
    // The agent writes `commands` joined by newlines into a script file and runs it.
    const script = (command.parameters.commands ?? []).join('\n');
    let running: RunningScript;
    try {
      running = await this.runOnNode(invocation.node, script, command.commandId);
    } catch (error) {
      this.finish(invocation, 'Failed', 'Failed', 1, '', `failed to run commands: ${(error as Error).message}`);
      return;
    }
    invocation.running = running;
    let timedOut = false;
    this.later(invocation, command.executionTimeoutSeconds * this.timings.msPerSecond, () => {
      if (isTerminal(invocation.status)) return;
      timedOut = true;
      running.kill();
    });
    const result = await running.done;
    if (isTerminal(invocation.status)) return;
    // Read again: a cancel may have arrived while the script ran.
    const status = invocation.status as InvocationStatus;
    if (status === 'Cancelling') this.finish(invocation, 'Cancelled', 'Cancelled', -1, result.stdout, result.stderr);
    else if (timedOut) this.finish(invocation, 'TimedOut', 'ExecutionTimedOut', -1, result.stdout, `${result.stderr}failed to run commands: exit status 124\n`);
    else if (result.exitCode === 0) this.finish(invocation, 'Success', 'Success', 0, result.stdout, result.stderr);
    else this.finish(invocation, 'Failed', 'Failed', result.exitCode, result.stdout, `${result.stderr}failed to run commands: exit status ${result.exitCode}\n`);
  }

  private finish(invocation: Invocation, status: InvocationStatus, details: string, code: number, stdout = '', stderr = ''): void {
    invocation.status = status;
    invocation.statusDetails = details;
    invocation.responseCode = code;
    invocation.stdout = stdout.slice(0, STDOUT_LIMIT);
    invocation.stderr = stderr.slice(0, STDERR_LIMIT);
    invocation.endedAt = this.now();
    invocation.running = undefined;
    invocation.timers.forEach(clearTimeout);
    invocation.timers = [];
  }
}

/** The command's overall status, from its invocations. */
export function commandStatus(command: CommandRecord): InvocationStatus {
  const statuses = command.invocations.map((i) => i.status);
  if (statuses.every((s) => s === 'Pending')) return 'Pending';
  if (statuses.some((s) => !isTerminal(s))) return statuses.includes('Cancelling') ? 'Cancelling' : 'InProgress';
  for (const s of ['Cancelled', 'TimedOut', 'Failed'] as const) if (statuses.includes(s)) return s;
  return 'Success';
}
