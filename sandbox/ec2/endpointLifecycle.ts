// How an interface endpoint moves through its states over time, as AWS moves it:
// pending → available (or failed), pendingAcceptance → (accepted) or rejected,
// deleting → deleted, then its interfaces linger a while, then it is no longer listed.
import type { Lifecycle } from './lifecycle';
import type { EndpointRec } from './model';
import type { RegionState } from './state';
import type { EndpointOutcome } from './types';

export interface EndpointTimings {
  availableAfterMs: number;
  deleteAfterMs: number;
  eniLingerMs: number;
  deletedVisibleMs: number;
}

export const ENDPOINT_STATES = ['pendingAcceptance', 'pending', 'available', 'deleting', 'deleted', 'rejected', 'failed', 'expired', 'partial'];

export class EndpointLifecycle {
  constructor(
    private readonly lifecycle: Lifecycle,
    readonly timings: EndpointTimings,
    private readonly now: () => number,
  ) {}

  private key(region: RegionState, endpoint: EndpointRec): string {
    return `${region.name}/${endpoint.vpcEndpointId}`;
  }

  /** Sets the starting state of a new endpoint and schedules where it goes next. */
  begin(region: RegionState, endpoint: EndpointRec, outcome: EndpointOutcome | null, acceptanceRequired: boolean): void {
    const key = this.key(region, endpoint);
    const delay = this.timings.availableAfterMs;
    if (outcome === 'rejected') {
      endpoint.state = 'pendingAcceptance';
      this.lifecycle.schedule(key, delay, () => {
        endpoint.state = 'rejected';
      });
    } else if (outcome === 'pendingAcceptance' || (acceptanceRequired && outcome !== 'available' && outcome !== 'failed')) {
      // Stays there until accepted (setEndpointState 'available' from the control API).
      endpoint.state = 'pendingAcceptance';
    } else {
      endpoint.state = 'pending';
      this.lifecycle.schedule(key, delay, () => {
        if (outcome === 'failed') {
          endpoint.state = 'failed';
          endpoint.failureReason = 'The VPC endpoint could not be created because of an internal error in the endpoint service.';
          endpoint.lastError = { code: 'InternalError', message: endpoint.failureReason };
        } else {
          endpoint.state = 'available';
        }
      });
    }
  }

  delete(region: RegionState, endpoint: EndpointRec): void {
    const key = this.key(region, endpoint);
    this.lifecycle.cancel(key);
    endpoint.state = 'deleting';
    this.lifecycle.schedule(key, this.timings.deleteAfterMs, () => this.markDeleted(region, endpoint));
  }

  /** Forces a state (control API); cancels what was scheduled for the endpoint. */
  setState(region: RegionState, endpoint: EndpointRec, state: string): void {
    this.lifecycle.cancel(this.key(region, endpoint));
    if (state === 'deleting') {
      this.delete(region, endpoint);
    } else if (state === 'deleted') {
      this.markDeleted(region, endpoint);
    } else {
      endpoint.state = state;
      endpoint.deletedAt = undefined;
    }
  }

  private markDeleted(region: RegionState, endpoint: EndpointRec): void {
    const key = this.key(region, endpoint);
    endpoint.state = 'deleted';
    endpoint.deletedAt = this.now();
    // The interfaces outlive the endpoint for a while, as in AWS (DeleteSecurityGroup sees them).
    this.lifecycle.schedule(key, this.timings.eniLingerMs, () => {
      for (const eniId of endpoint.eniBySubnet.values()) region.enis.delete(eniId);
      endpoint.eniBySubnet.clear();
    });
    this.lifecycle.schedule(key, this.timings.deletedVisibleMs, () => {
      region.endpoints.delete(endpoint.vpcEndpointId);
      if (endpoint.clientToken) region.clientTokens.delete(endpoint.clientToken);
    });
  }
}
