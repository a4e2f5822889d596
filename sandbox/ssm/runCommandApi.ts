// The Run Command operations of the SSM stand-in (SendCommand, GetCommandInvocation,
// ListCommandInvocations, ListCommands, CancelCommand): request checks with the service's error
// codes, and answers with the model's member names.
import type { SandboxInstance } from '../ec2/types';
import { CommandRecord, commandStatus, CommandStore, Invocation, isTerminal, PLUGIN_NAME, PLUGIN_OUTPUT_LIMIT } from './commandStore';
import { epochSeconds, Json, optionalNumber, optionalString, page, requiredString, SsmError, stringList, validationError } from './jsonProtocol';
import { managedNode, ManagedNodeSource } from './managedNodes';

const RUN_SHELL_SCRIPT = 'AWS-RunShellScript';
const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface RunCommandContext {
  region: string;
  accountId: string;
  nodes: ManagedNodeSource;
  store: CommandStore;
  now: number;
}

function targetsToInstances(ctx: RunCommandContext, json: Json): string[] {
  const ids = stringList(json, 'InstanceIds');
  const targets = json.Targets as Array<{ Key?: unknown; Values?: unknown }> | undefined;
  if (ids?.length && targets?.length) throw new SsmError('InvalidParameters', 'Specify InstanceIds or Targets, not both.');
  if (ids?.length) {
    if (ids.length > 50) throw validationError('instanceIds', `[${ids.join(', ')}]`, 'Member must have length less than or equal to 50');
    if (new Set(ids).size !== ids.length) throw new SsmError('DuplicateInstanceId', 'You can\'t specify a managed node ID in more than one association.');
    return ids;
  }
  if (!targets?.length) throw new SsmError('ValidationException', 'Either InstanceIds or Targets must be specified.');
  const nodes = ctx.nodes.instances(ctx.region);
  return targets.flatMap((t) => {
    const values = Array.isArray(t.Values) ? (t.Values as string[]) : [];
    if (t.Key === 'InstanceIds') return values;
    if (typeof t.Key === 'string' && t.Key.startsWith('tag:')) {
      return t.Key === 'tag:Name' ? nodes.filter((n) => values.includes(n.name)).map((n) => n.instanceId) : [];
    }
    throw new SsmError('InvalidParameters', `The target key ${String(t.Key)} is not supported here; use InstanceIds or tag:Name.`);
  });
}

function parametersOf(json: Json): Record<string, string[]> {
  const raw = json.Parameters;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SsmError('SerializationException', 'Parameters must be a map of lists of strings.');
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new SsmError('InvalidParameters', `Parameter "${key}" must be a list of strings.`);
    out[key] = value as string[];
  }
  return out;
}

export function sendCommand(ctx: RunCommandContext, json: Json): Json {
  const documentName = requiredString(json, 'DocumentName');
  if (documentName !== RUN_SHELL_SCRIPT) throw new SsmError('InvalidDocument', `Document with name ${documentName} does not exist.`);
  const comment = optionalString(json, 'Comment') ?? '';
  if (comment.length > 100) throw validationError('comment', comment, 'Member must have length less than or equal to 100');
  const timeoutSeconds = optionalNumber(json, 'TimeoutSeconds') ?? 3600;
  if (timeoutSeconds < 30 || timeoutSeconds > 2_592_000) {
    throw validationError('timeoutSeconds', timeoutSeconds, `Member must have value ${timeoutSeconds < 30 ? 'greater than or equal to 30' : 'less than or equal to 2592000'}`);
  }
  const parameters = parametersOf(json);
  for (const key of Object.keys(parameters)) {
    if (!['commands', 'workingDirectory', 'executionTimeout'].includes(key)) throw new SsmError('InvalidParameters', `Parameter "${key}" is not defined in the document ${RUN_SHELL_SCRIPT}.`);
  }
  if (!parameters.commands?.length) throw new SsmError('InvalidParameters', 'Parameters are invalid: "commands" is required.');
  // The agent falls back to the document default outside 5–172,800 seconds.
  const asked = Number(parameters.executionTimeout?.[0] ?? '3600');
  const executionTimeoutSeconds = Number.isInteger(asked) && asked >= 5 && asked <= 172_800 ? asked : 3600;

  const instanceIds = targetsToInstances(ctx, json);
  const nodes: SandboxInstance[] = instanceIds.map((id) => {
    const node = managedNode(ctx.nodes, ctx.region, id);
    if (!node) throw new SsmError('InvalidInstanceId', `Instances [[${id}]] not in a valid state for account ${ctx.accountId}`);
    return node;
  });
  const windows = nodes.filter((n) => n.platform !== 'Linux');
  if (windows.length) throw new SsmError('UnsupportedPlatformType', `The document ${RUN_SHELL_SCRIPT} is not supported on the platform of ${windows.map((n) => `${n.instanceId} (${n.platform})`).join(', ')}.`);

  const command = ctx.store.send({ documentName, comment, parameters, nodes, timeoutSeconds, executionTimeoutSeconds });
  return { Command: commandShape(command) };
}

function commandById(ctx: RunCommandContext, commandId: string): CommandRecord | undefined {
  if (!COMMAND_ID.test(commandId)) throw new SsmError('InvalidCommandId', `The command ID ${commandId} isn't valid.`);
  return ctx.store.get(commandId);
}

/** Visibility reads the current timing, so a test can hold an invocation invisible, then release it. */
function visible(ctx: RunCommandContext, invocation: Invocation): boolean {
  return ctx.now >= invocation.requestedAt + ctx.store.timings.visibleAfterMs;
}

export function getCommandInvocation(ctx: RunCommandContext, json: Json): Json {
  const commandId = requiredString(json, 'CommandId');
  const instanceId = requiredString(json, 'InstanceId');
  const pluginName = optionalString(json, 'PluginName');
  if (!/^(i-[0-9a-f]{8,17}|mi-[0-9a-f]{17})$/.test(instanceId)) throw new SsmError('InvalidInstanceId', `The instance ID ${instanceId} isn't valid.`);
  const invocation = commandById(ctx, commandId)?.invocations.find((i) => i.node.instanceId === instanceId);
  if (!invocation || !visible(ctx, invocation)) throw new SsmError('InvocationDoesNotExist', '');
  if (pluginName !== undefined && pluginName !== PLUGIN_NAME) throw new SsmError('InvalidPluginName', `The plugin name ${pluginName} isn't valid.`);
  const command = ctx.store.get(commandId)!;
  const ended = isTerminal(invocation.status);
  return {
    CommandId: commandId,
    InstanceId: instanceId,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: PLUGIN_NAME,
    ResponseCode: invocation.responseCode,
    ExecutionStartDateTime: invocation.startedAt ? new Date(invocation.startedAt).toISOString() : '',
    ExecutionElapsedTime: invocation.startedAt ? `PT${(((invocation.endedAt ?? ctx.now) - invocation.startedAt) / 1000).toFixed(3)}S` : '',
    ExecutionEndDateTime: invocation.endedAt && invocation.startedAt ? new Date(invocation.endedAt).toISOString() : '',
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: ended ? invocation.stdout : '',
    StandardOutputUrl: '',
    StandardErrorContent: ended ? invocation.stderr : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}

export function listCommandInvocations(ctx: RunCommandContext, json: Json): Json {
  const commandId = optionalString(json, 'CommandId');
  const instanceId = optionalString(json, 'InstanceId');
  const details = json.Details === true;
  const commands = commandId ? [commandById(ctx, commandId)].filter((c): c is CommandRecord => c !== undefined) : ctx.store.list();
  const invocations = commands.flatMap((c) => c.invocations.map((i) => ({ c, i })))
    .filter(({ i }) => visible(ctx, i) && (!instanceId || i.node.instanceId === instanceId));
  const { items, NextToken } = page(invocations, 'ListCommandInvocations', json, { min: 1, max: 50, default: 50 });
  return {
    CommandInvocations: items.map(({ c, i }) => ({
      CommandId: c.commandId,
      InstanceId: i.node.instanceId,
      InstanceName: '',
      Comment: c.comment,
      DocumentName: c.documentName,
      DocumentVersion: '$DEFAULT',
      RequestedDateTime: epochSeconds(i.requestedAt),
      Status: i.status,
      StatusDetails: i.statusDetails,
      TraceOutput: '',
      StandardOutputUrl: '',
      StandardErrorUrl: '',
      CommandPlugins: details ? [pluginShape(i)] : [],
      ServiceRole: '',
      NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
      CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    })),
    ...(NextToken ? { NextToken } : {}),
  };
}

function pluginShape(i: Invocation): Json {
  const ended = isTerminal(i.status);
  const output = ended ? (i.stderr ? `${i.stdout}\n----------ERROR-------\n${i.stderr}` : i.stdout) : '';
  return {
    Name: PLUGIN_NAME,
    Status: i.status,
    StatusDetails: i.statusDetails,
    ResponseCode: i.responseCode,
    ...(i.startedAt ? { ResponseStartDateTime: epochSeconds(i.startedAt) } : {}),
    ...(i.endedAt ? { ResponseFinishDateTime: epochSeconds(i.endedAt) } : {}),
    Output: output.slice(0, PLUGIN_OUTPUT_LIMIT),
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    OutputS3Region: '',
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
  };
}

export function listCommands(ctx: RunCommandContext, json: Json): Json {
  const commandId = optionalString(json, 'CommandId');
  const instanceId = optionalString(json, 'InstanceId');
  const commands = (commandId ? [commandById(ctx, commandId)].filter((c): c is CommandRecord => c !== undefined) : ctx.store.list())
    .filter((c) => !instanceId || c.instanceIds.includes(instanceId));
  const { items, NextToken } = page(commands, 'ListCommands', json, { min: 1, max: 50, default: 50 });
  return { Commands: items.map(commandShape), ...(NextToken ? { NextToken } : {}) };
}

export function cancelCommand(ctx: RunCommandContext, json: Json): Json {
  const commandId = requiredString(json, 'CommandId');
  const command = commandById(ctx, commandId);
  if (!command) throw new SsmError('InvalidCommandId', `The command ID ${commandId} isn't valid.`);
  ctx.store.cancel(command, stringList(json, 'InstanceIds'));
  return {};
}

function commandShape(c: CommandRecord): Json {
  const statuses = c.invocations.map((i) => i.status);
  return {
    CommandId: c.commandId,
    DocumentName: c.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: c.comment,
    ExpiresAfter: epochSeconds(c.requestedAt + (c.timeoutSeconds + c.executionTimeoutSeconds) * 1000),
    Parameters: c.parameters,
    InstanceIds: c.instanceIds,
    Targets: [],
    RequestedDateTime: epochSeconds(c.requestedAt),
    Status: commandStatus(c),
    StatusDetails: commandStatus(c),
    OutputS3Region: '',
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
    MaxConcurrency: '50',
    MaxErrors: '0',
    TargetCount: c.invocations.length,
    CompletedCount: statuses.filter((s) => isTerminal(s)).length,
    ErrorCount: statuses.filter((s) => s === 'Failed' || s === 'TimedOut').length,
    DeliveryTimedOutCount: c.invocations.filter((i) => i.statusDetails === 'DeliveryTimedOut').length,
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    TimeoutSeconds: c.timeoutSeconds,
    TriggeredAlarms: [],
  };
}
