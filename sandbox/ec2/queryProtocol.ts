// The AWS Query protocol as EC2 speaks it: form-encoded parameters with numbered lists
// (`SubnetId.1`, `Filter.1.Value.2`), XML answers and the `<Response><Errors>` error envelope.
import { xmlDocument, type XmlObject } from './xml';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An error EC2 would answer with; handlers throw it, the server writes the envelope. */
export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = statusForCode(code),
  ) {
    super(message);
  }
}

function statusForCode(code: string): number {
  switch (code) {
    case 'DryRunOperation':
      return 412;
    case 'UnauthorizedOperation':
      return 403;
    case 'AuthFailure':
      return 401;
    case 'RequestLimitExceeded':
    case 'ServiceUnavailable':
      return 503;
    case 'InternalError':
      return 500;
    default:
      return 400;
  }
}

export interface Filter {
  name: string;
  values: string[];
}

/** Read access to one request's (or one nested structure's) parameters. */
export class QueryParams {
  constructor(
    private readonly map: Map<string, string>,
    private readonly prefix = '',
  ) {}

  static fromBody(body: string): QueryParams {
    const map = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(body)) map.set(key, value);
    return new QueryParams(map);
  }

  get(name: string): string | undefined {
    return this.map.get(this.prefix + name);
  }

  has(name: string): boolean {
    return this.map.has(this.prefix + name);
  }

  required(name: string): string {
    const value = this.get(name);
    if (value === undefined || value === '') throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${name}. Expected true or false.`);
  }

  int(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined || value === '') return undefined;
    if (!/^-?\d+$/.test(value)) throw new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${name}. It must be an integer.`);
    return Number(value);
  }

  /** Indexes N present under `name.N` (with or without a further `.field`), in numeric order. */
  private indexes(name: string): number[] {
    const head = `${this.prefix}${name}.`;
    const found = new Set<number>();
    for (const key of this.map.keys()) {
      if (!key.startsWith(head)) continue;
      const m = /^(\d+)(?:\.|$)/.exec(key.slice(head.length));
      if (m) found.add(Number(m[1]));
    }
    return [...found].sort((a, b) => a - b);
  }

  /** A list of scalars: `name.1`, `name.2`, … */
  list(name: string): string[] {
    return this.indexes(name)
      .map((i) => this.get(`${name}.${i}`))
      .filter((v): v is string => v !== undefined);
  }

  /** A list of structures: `name.1.Field`, … */
  structs(name: string): QueryParams[] {
    return this.indexes(name).map((i) => new QueryParams(this.map, `${this.prefix}${name}.${i}.`));
  }

  /** A nested structure: `name.Field`. */
  struct(name: string): QueryParams {
    return new QueryParams(this.map, `${this.prefix}${name}.`);
  }

  hasAny(name: string): boolean {
    const head = `${this.prefix}${name}`;
    for (const key of this.map.keys()) if (key === head || key.startsWith(`${head}.`)) return true;
    return false;
  }

  filters(): Filter[] {
    return this.structs('Filter').map((f) => ({ name: f.required('Name'), values: f.list('Value') }));
  }

  /** Tags of the TagSpecification entries for one resource type. */
  tagSpecifications(resourceType: string): Map<string, string> {
    const tags = new Map<string, string>();
    for (const spec of this.structs('TagSpecification')) {
      const type = spec.get('ResourceType');
      if (type !== resourceType) {
        throw new Ec2Error('InvalidParameterValue', `'${type ?? ''}' is not a valid taggable resource type for this operation.`);
      }
      for (const tag of spec.structs('Tag')) tags.set(tag.required('Key'), tag.get('Value') ?? '');
    }
    return tags;
  }

  /** Everything, for request fingerprints. */
  entries(): [string, string][] {
    return [...this.map.entries()].filter(([k]) => k.startsWith(this.prefix));
  }
}

export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Reads the credential scope of `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, ...`. */
export function parseSigV4Authorization(header: string | undefined): SigV4Scope | undefined {
  if (!header) return undefined;
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\s*,.*Signature=[0-9a-f]+/i.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}

export function ec2ResponseXml(action: string, requestId: string, body: XmlObject): string {
  return xmlDocument(`${action}Response`, EC2_NAMESPACE, { requestId, ...body });
}

export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return xmlDocument('Response', undefined, {
    Errors: { Error: { Code: code, Message: message } },
    RequestID: requestId,
  });
}
