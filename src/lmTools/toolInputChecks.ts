// Reading a tool's input: the model sends JSON that may not match the schema, so every field is
// checked the way the commands check what a user picks or types, and a wrong one becomes a
// ToolInputError naming the field and what it should look like. Pure, so it is unit-tested.
import type { PortChoice } from '../connection/connectionFormats';
import { AWS_REGION_PATTERN } from '../aws/awsNames';

/** Thrown by a tool's input checks; becomes a "bad input" result naming the field and the fix. */
export class ToolInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ToolInputError';
  }
}

export type ToolInput = Record<string, unknown>;

export const REGION_RE = new RegExp(AWS_REGION_PATTERN);
// PlanetScale names: letters, digits, dashes and underscores; never a path.
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function asInput(value: unknown): ToolInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ToolInputError('input', 'give the tool\'s parameters as a JSON object.');
  return value as ToolInput;
}

export function optionalText(input: ToolInput, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ToolInputError(field, 'must be a string.');
  return value.trim() || undefined;
}

export function requiredText(input: ToolInput, field: string, example: string): string {
  const value = optionalText(input, field);
  if (!value) throw new ToolInputError(field, `is required, e.g. "${example}".`);
  return value;
}

/** A string matching `pattern`, or undefined when absent. */
export function optionalId(input: ToolInput, field: string, pattern: RegExp, example: string): string | undefined {
  const value = optionalText(input, field);
  if (value !== undefined && !pattern.test(value)) throw new ToolInputError(field, `"${value}" is not valid; it looks like ${example}.`);
  return value;
}

export function optionalIdList(input: ToolInput, field: string, pattern: RegExp, example: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ToolInputError(field, `must be a list of ids like ${example}.`);
  const ids = [...new Set(value.map((v: string) => v.trim()).filter(Boolean))];
  const bad = ids.find((id) => !pattern.test(id));
  if (bad) throw new ToolInputError(field, `"${bad}" is not valid; it looks like ${example}.`);
  return ids;
}

export function optionalRegion(input: ToolInput, field = 'region'): string | undefined {
  return optionalId(input, field, REGION_RE, 'us-east-1');
}

export const ENDPOINT_ID_RE = /^vpce-[0-9a-f]{8,17}$/;
export const VPC_ID_RE = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID_RE = /^subnet-[0-9a-f]{8,17}$/;
export const GROUP_ID_RE = /^sg-[0-9a-f]{8,17}$/;

export function readPort(input: ToolInput): PortChoice {
  const port = input.port ?? 6432;
  if (port === 5432 || port === 6432 || port === 'both') return port;
  if (port === '5432' || port === '6432') return Number(port) as PortChoice;
  throw new ToolInputError('port', `${JSON.stringify(port)} is not a PlanetScale port: use 6432 (PSBouncer, pooled), 5432 (direct) or "both".`);
}

/** Form field names as the tools' inputs call them, so an issue names what the model sent. */
export function inputFieldOf(field: string): string {
  const names: Record<string, string> = {
    'securityGroup.sourceGroupIds': 'clientSecurityGroupIds',
    'securityGroup.cidrs': 'clientCidrs',
    'securityGroup.groupId': 'existingSecurityGroupId',
    'securityGroup.groupName': 'securityGroupName',
  };
  return names[field] ?? field;
}
