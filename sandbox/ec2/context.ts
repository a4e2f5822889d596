// What a request handler gets: its parameters, its region's state and the emulator's services.
import type { EndpointLifecycle } from './endpointLifecycle';
import type { FaultController } from './faults';
import type { QueryParams } from './queryProtocol';
import type { Ec2State, RegionState } from './state';
import type { XmlObject } from './xml';

export interface HandlerContext {
  action: string;
  params: QueryParams;
  region: RegionState;
  state: Ec2State;
  accountId: string;
  now(): number;
  endpoints: EndpointLifecycle;
  faults: FaultController;
  /** Throws DryRunOperation for a dry run; handlers call it after validating, before changing anything. */
  checkDryRun(): void;
}

export type Handler = (ctx: HandlerContext) => XmlObject;
