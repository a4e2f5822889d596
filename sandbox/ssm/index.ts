// The Systems Manager stand-in: the JSON 1.1 `AmazonSSM.*` operations the product and the AWS
// CLI use, answered on the EC2 emulator's port (one endpoint URL for the whole sandbox), with
// the emulator's fault scenarios (`denyActions: ["ssm:SendCommand"]`, throttling, latency) and
// scripts run as the target instance would run them.
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Ec2Emulator } from '../ec2';
import type { JsonServiceRequest } from '../ec2/serviceHttp';
import { CommandStore, SsmTimings } from './commandStore';
import { InstanceShell } from './instanceShell';
import { Json, parseJsonBody, sendError, sendJson, SSM_TARGET_PREFIX, SsmError } from './jsonProtocol';
import { describeInstanceInformation } from './managedNodes';
import { cancelCommand, getCommandInvocation, listCommandInvocations, listCommands, RunCommandContext, sendCommand } from './runCommandApi';
import { VpcResolvers } from './vpcResolvers';

export type { SsmTimings } from './commandStore';

export interface SsmOptions {
  emulator: Ec2Emulator;
  /** The sandbox's temporary folder (scripts, shim, resolv.conf files go under ssm/). */
  dir: string;
  /** DNS overrides shared with the sandbox's main resolver. */
  dnsOverrides: Map<string, string[]>;
  timings?: Partial<SsmTimings>;
  /** The sandbox CA, which the nodes' system trust stores hold (as real ones hold PlanetScale's public CA). */
  trustedCaFile?: string;
}

export interface SandboxSsm {
  timings: SsmTimings;
  store: CommandStore;
  resolvers: VpcResolvers;
  /** `ssm:<Operation>` → calls since the last reset. */
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  /** Builds the shim and checks the namespace support now (else on the first script). */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

type Operation = (ctx: RunCommandContext, json: Json) => Json;

const OPERATIONS: Record<string, Operation> = {
  DescribeInstanceInformation: (ctx, json) => describeInstanceInformation(ctx.nodes, ctx.region, json, ctx.now),
  SendCommand: sendCommand,
  GetCommandInvocation: getCommandInvocation,
  ListCommandInvocations: listCommandInvocations,
  ListCommands: listCommands,
  CancelCommand: cancelCommand,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startSsm(options: SsmOptions): SandboxSsm {
  const { emulator } = options;
  const dir = join(options.dir, 'ssm');
  const timings: SsmTimings = { visibleAfterMs: 400, deliveryMs: 600, msPerSecond: 1000, ...options.timings };
  const resolvers = new VpcResolvers(emulator, dir, options.dnsOverrides);
  const shell = new InstanceShell({ dir, networkFor: (node) => resolvers.networkFor(node.region, node.vpcId), trustedCaFile: options.trustedCaFile });
  const store = new CommandStore(timings, (node, script, commandId) => shell.start(node, script, commandId));
  const counts = new Map<string, number>();

  const handle = async (request: JsonServiceRequest, res: ServerResponse) => {
    const operation = request.target.slice(SSM_TARGET_PREFIX.length + 1);
    const action = `ssm:${operation}`;
    counts.set(action, (counts.get(action) ?? 0) + 1);
    try {
      if (!request.scope) throw new SsmError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      const handler = OPERATIONS[operation];
      if (!handler) throw new SsmError('UnknownOperationException', `The operation ${operation} is not supported by the sandbox's Systems Manager.`);
      const faults = request.faults.current();
      if (faults.latencyActions.includes(action)) await sleep(request.faults.latencyFor(action));
      const json = parseJsonBody(request.body);
      if (faults.throttleActions.includes(action) && request.faults.takeThrottle(action)) throw new SsmError('ThrottlingException', 'Rate exceeded');
      if (request.faults.isDenied(action)) throw accessDenied(action, request, json);
      const ctx: RunCommandContext = { region: request.scope.region, accountId: request.identity.accountId, nodes: emulator, store, now: Date.now() };
      sendJson(res, 200, handler(ctx, json));
    } catch (error) {
      sendError(res, error instanceof SsmError ? error : new SsmError('InternalServerError', (error as Error).message));
    }
  };
  emulator.addJsonService(SSM_TARGET_PREFIX, handle);

  return {
    timings,
    store,
    resolvers,
    callCounts: () => Object.fromEntries(counts),
    resetCallCounts: () => counts.clear(),
    prepare: async () => {
      await shell.prepare();
    },
    async close() {
      store.close();
      await resolvers.close();
    },
  };
}

/** The IAM denial, naming the action and the resource as AWS does. */
function accessDenied(action: string, request: JsonServiceRequest, json: Json): SsmError {
  const region = request.scope?.region ?? 'us-east-1';
  const instanceIds = Array.isArray(json.InstanceIds) ? (json.InstanceIds as string[]) : [];
  const instanceId = typeof json.InstanceId === 'string' ? json.InstanceId : instanceIds[0];
  const resource = instanceId
    ? `arn:aws:ec2:${region}:${request.identity.accountId}:instance/${instanceId}`
    : action === 'ssm:SendCommand'
      ? `arn:aws:ssm:${region}::document/AWS-RunShellScript`
      : `arn:aws:ssm:${region}:${request.identity.accountId}:*`;
  return new SsmError(
    'AccessDeniedException',
    `User: ${request.identity.callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
}
