// Shapes of AWS names that several layers check: the form, the language model tools, the tree
// views, console links and package.json's setting schemas. One copy here. Pure and import-free,
// so the main bundle can use it without loading the SDK.

/**
 * An AWS region code (us-east-1, ap-southeast-5, us-gov-west-1). package.json repeats it as the
 * JSON-schema `pattern` of every region setting and tool parameter; a unit test keeps them equal.
 */
export const AWS_REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d+$';
const AWS_REGION_RE = new RegExp(AWS_REGION_PATTERN);

export function isAwsRegion(text: string): boolean {
  return AWS_REGION_RE.test(text);
}

/** `com.amazonaws.vpce.<region>.vpce-svc-<hex>`: a PlanetScale branch's Private Service Name. */
const SERVICE_NAME_RE = /^com\.amazonaws\.vpce\.([a-z0-9-]+)\.(vpce-svc-[0-9a-f]+)$/;

export interface ServiceNameParts {
  /** As written in the name; not yet checked against AWS_REGION_PATTERN. */
  region: string;
  /** `vpce-svc-…`; its length is not checked here. */
  serviceId: string;
}

/** The parts of an endpoint service name, or undefined when it is not shaped like one. */
export function parseServiceName(serviceName: string): ServiceNameParts | undefined {
  const match = SERVICE_NAME_RE.exec(serviceName);
  return match ? { region: match[1], serviceId: match[2] } : undefined;
}

/** `com.amazonaws.vpce.us-east-1.vpce-svc-…` → `us-east-1`. */
export function regionOfServiceName(serviceName: string): string | undefined {
  return parseServiceName(serviceName)?.region;
}
