// MaxResults/NextToken paging for the Describe calls that real EC2 pages.
import { Ec2Error, type QueryParams } from './queryProtocol';

export interface PageLimits {
  min: number;
  max: number;
  /** Larger MaxResults values are served as this many instead of being refused. */
  clampAt?: number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function encodeToken(offset: number, action: string): string {
  return Buffer.from(JSON.stringify({ o: offset, a: action })).toString('base64url');
}

function decodeToken(token: string, action: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; a?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.a === action) return parsed.o;
  } catch {
    // fall through to the error EC2 gives for a token it did not issue
  }
  throw new Ec2Error('InvalidParameterValue', `The token '${token}' is invalid`);
}

/**
 * One page of `items`. Without MaxResults everything comes back at once, as EC2 does for
 * these calls. The token is opaque to clients and bound to the action that issued it.
 */
export function paginate<T>(items: T[], params: QueryParams, action: string, limits: PageLimits): Page<T> {
  const asked = params.int('MaxResults');
  const max = asked !== undefined && limits.clampAt !== undefined ? Math.min(asked, limits.clampAt) : asked;
  const token = params.get('NextToken');
  const offset = token ? decodeToken(token, action) : 0;
  if (max === undefined) return { items: items.slice(offset) };
  if (max < limits.min || max > limits.max) {
    throw new Ec2Error('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${limits.min - 1} and less than or equal to ${limits.max}.`);
  }
  const page = items.slice(offset, offset + max);
  const next = offset + max < items.length ? encodeToken(offset + max, action) : undefined;
  return { items: page, nextToken: next };
}
