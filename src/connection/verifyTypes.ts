// Types of the connection verification (DNS → TCP → TLS → auth → query). Pure, so the main
// bundle can show results without loading pg.

export type PhaseName = 'dns' | 'tcp' | 'tls' | 'auth' | 'query';
import { InputError } from '../errors/userFacingError';
export type PhaseStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export const PHASES: readonly PhaseName[] = ['dns', 'tcp', 'tls', 'auth', 'query'];

export const PHASE_TITLES: Record<PhaseName, string> = {
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  auth: 'Authentication',
  query: 'Query',
};

/** Bounded time per phase; the whole run is at most their sum. */
export const DEFAULT_PHASE_TIMEOUTS: Record<PhaseName, number> = {
  dns: 5_000,
  tcp: 5_000,
  tls: 5_000,
  auth: 10_000,
  query: 10_000,
};

export type EvidenceValue = string | number | boolean | string[];
export type Evidence = Record<string, EvidenceValue>;

export interface PhaseResult {
  phase: PhaseName;
  status: PhaseStatus;
  durationMs: number;
  /** What was seen, in one or two sentences. Never contains the password. */
  detail: string;
  /** Facts behind the detail (addresses, certificate fields, server version). */
  evidence: Evidence;
  /** What to change when the phase did not pass. */
  fix?: string;
  /** The action that fixes it, for the command layer to offer as a button. */
  remedy?: PhaseRemedy;
}

/** `createEndpoint`: no available endpoint of the branch's own service answers for its host. */
export type PhaseRemedy = 'createEndpoint';

/** What one phase module returns; the pipeline adds the phase name and the time. */
export interface PhaseOutcome<T> {
  status: PhaseStatus;
  detail: string;
  evidence: Evidence;
  fix?: string;
  remedy?: PhaseRemedy;
  /** What the next phase needs (addresses, the open socket). */
  value?: T;
}

export interface VerifyTarget {
  /** The Private Host; used for DNS and as the TLS server name. */
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** PEM CA bundle to trust instead of Node's built-in roots. */
  caFile?: string;
  /** `host:port` of the DNS server to ask; absent = the system resolver. */
  dnsServer?: string;
  /**
   * The branch's Private Service Name. Only an available interface endpoint of this service
   * reaches the branch (PlanetScale's edge serves a region's branches through that region's
   * service), so the DNS answers must be its interface IPs.
   */
  serviceName: string;
  /** The interface endpoints known (of any service), to tell which one answered. */
  endpoints: readonly KnownEndpoint[];
}

/** An interface endpoint as the verification needs it: whose it is and its interface IPs. */
export interface KnownEndpoint {
  id: string;
  serviceName: string;
  /** EC2's state, e.g. `available`, `pending`. */
  state: string;
  ips: readonly string[];
  /** Where it is, for messages, e.g. "us-east-1, vpc-0abc". */
  location?: string;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Called once per phase, in order, as soon as its result is known (already redacted). */
  onPhase?: (result: PhaseResult) => void;
  /** Progress lines for an output log (already redacted). */
  log?: (line: string) => void;
  timeouts?: Partial<Record<PhaseName, number>>;
  /**
   * Accept loopback answers as private. Only a local stand-in (the sandbox) answers a private
   * host with 127.x; such an answer is not public, so it does not mean "outside the VPC".
   */
  loopbackIsPrivate?: boolean;
  /** Reads the CA file (default: fs). */
  readCaFile?: (path: string) => Promise<string>;
  /**
   * Stop after this phase passes: `tls` proves the private path (DNS, TCP, TLS) without
   * credentials, e.g. before a role is created for the login. The later phases are `skipped`
   * and the summary says that the login was not tried.
   */
  stopAfter?: 'dns' | 'tcp' | 'tls';
}

export type VerifyOutcome = 'success' | 'failed' | 'cancelled';

export interface VerifyResult {
  outcome: VerifyOutcome;
  /** The first phase that failed. */
  failedPhase?: PhaseName;
  phases: PhaseResult[];
  /** One line for a notification. */
  summary: string;
  /** The address actually connected to, when TCP got that far. */
  connectedTo?: { ip: string; port: number };
}

export class VerifyInputError extends InputError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'VerifyInputError';
  }
}
