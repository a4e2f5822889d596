// Fault scenarios: denied actions, throttling of the next N calls, added latency, the outcome of
// the next endpoint created, lost replies, and endpoints not yet visible right after creation.
import type { Ec2Faults, EndpointOutcome } from './types';

const OUTCOMES: EndpointOutcome[] = ['available', 'failed', 'rejected', 'pendingAcceptance'];

export function emptyFaults(): Ec2Faults {
  return { denyActions: [], throttleNextCalls: 0, throttleActions: [], latencyMs: 0, latencyActions: [], nextEndpointOutcome: null, dropReplyActions: [], endpointNotFoundForMs: 0 };
}

/** "ec2:CreateVpcEndpoint" and "CreateVpcEndpoint" name the same action. */
function bare(action: string): string {
  return action.replace(/^(ec2|sts):/i, '');
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`faults.${field} must be a list of action names`);
  return value.map(bare);
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`faults.${field} must be a whole number of 0 or more`);
  return value;
}

/** Checks a partial fault set (from the control API or a seed file) and returns it cleaned. */
export function validateFaults(input: unknown): Partial<Ec2Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be a JSON object');
  const raw = input as Record<string, unknown>;
  const out: Partial<Ec2Faults> = {};
  const known = new Set(['denyActions', 'throttleNextCalls', 'throttleActions', 'latencyMs', 'latencyActions', 'nextEndpointOutcome', 'endpointAvailableAfterMs', 'dropReplyActions', 'endpointNotFoundForMs']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new Error(`faults.${key} is not a known fault (known: ${[...known].join(', ')})`);
  if (raw.denyActions !== undefined) out.denyActions = stringList(raw.denyActions, 'denyActions');
  if (raw.throttleActions !== undefined) out.throttleActions = stringList(raw.throttleActions, 'throttleActions');
  if (raw.latencyActions !== undefined) out.latencyActions = stringList(raw.latencyActions, 'latencyActions');
  if (raw.dropReplyActions !== undefined) out.dropReplyActions = stringList(raw.dropReplyActions, 'dropReplyActions');
  if (raw.endpointNotFoundForMs !== undefined) out.endpointNotFoundForMs = count(raw.endpointNotFoundForMs, 'endpointNotFoundForMs');
  if (raw.throttleNextCalls !== undefined) out.throttleNextCalls = count(raw.throttleNextCalls, 'throttleNextCalls');
  if (raw.latencyMs !== undefined) out.latencyMs = count(raw.latencyMs, 'latencyMs');
  if (raw.nextEndpointOutcome !== undefined) {
    const o = raw.nextEndpointOutcome;
    if (o !== null && !OUTCOMES.includes(o as EndpointOutcome)) throw new Error(`faults.nextEndpointOutcome must be one of ${OUTCOMES.join(', ')} or null`);
    out.nextEndpointOutcome = o as EndpointOutcome | null;
  }
  return out;
}

export class FaultController {
  private faults = emptyFaults();

  set(partial: Partial<Ec2Faults>): void {
    const clean = validateFaults(partial);
    this.faults = { ...this.faults, ...clean };
  }

  clear(): void {
    this.faults = emptyFaults();
  }

  current(): Ec2Faults {
    return { ...this.faults, denyActions: [...this.faults.denyActions], throttleActions: [...this.faults.throttleActions], latencyActions: [...this.faults.latencyActions], dropReplyActions: [...this.faults.dropReplyActions] };
  }

  isDenied(action: string): boolean {
    return this.faults.denyActions.includes(action);
  }

  /** True when this call is throttled; uses up one of the N. */
  takeThrottle(action: string): boolean {
    if (this.faults.throttleNextCalls <= 0) return false;
    if (this.faults.throttleActions.length > 0 && !this.faults.throttleActions.includes(action)) return false;
    this.faults.throttleNextCalls -= 1;
    return true;
  }

  latencyFor(action: string): number {
    if (this.faults.latencyActions.length > 0 && !this.faults.latencyActions.includes(action)) return 0;
    return this.faults.latencyMs;
  }

  /** True when the reply to this action is to be lost (after the action was performed). */
  dropsReply(action: string): boolean {
    return this.faults.dropReplyActions.includes(action);
  }

  /** True while a just-created endpoint is not yet visible to DescribeVpcEndpoints. */
  hidesNewEndpoint(ageMs: number): boolean {
    return ageMs < this.faults.endpointNotFoundForMs;
  }

  /** The outcome for a new endpoint; a scenario applies to one create only. */
  takeEndpointOutcome(): EndpointOutcome | null {
    const outcome = this.faults.nextEndpointOutcome;
    this.faults.nextEndpointOutcome = null;
    return outcome;
  }
}
