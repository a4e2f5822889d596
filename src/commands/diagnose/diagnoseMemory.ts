// What Diagnose remembers for the workspace, so the user answers each question once: the client's
// location per VPC, the Private Host and login user per endpoint, the Reachability Analyzer
// source per VPC, and where to measure from per VPC (this machine or an instance). None of it is secret (ids, CIDRs, host and user names); passwords are never kept.
import type { WorkspaceStore } from '../../services/workspaceStore';
import { clientLocationKey, type ClientLocation } from '../../diagnose/clientLocation';

type StringMapKey = 'diagnosePrivateHosts' | 'diagnoseUsers' | 'diagnoseReachabilitySources';

export class DiagnoseMemory {
  constructor(private readonly store: WorkspaceStore) {}

  clientLocation(region: string, vpcId: string): ClientLocation | undefined {
    return this.store.get('diagnoseClientLocations')?.[clientLocationKey(region, vpcId)];
  }

  async setClientLocation(region: string, vpcId: string, location: ClientLocation | undefined): Promise<void> {
    const key = clientLocationKey(region, vpcId);
    await this.store.change('diagnoseClientLocations', (current) => {
      const all = { ...current };
      if (location) all[key] = location;
      else delete all[key];
      return all;
    });
  }

  privateHost(endpointId: string): string | undefined {
    return this.read('diagnosePrivateHosts')[endpointId];
  }

  setPrivateHost(endpointId: string, host: string): Promise<void> {
    return this.write('diagnosePrivateHosts', endpointId, host);
  }

  /** The login user; '' when the user chose to check the network only. */
  user(endpointId: string): string | undefined {
    return this.read('diagnoseUsers')[endpointId];
  }

  setUser(endpointId: string, user: string): Promise<void> {
    return this.write('diagnoseUsers', endpointId, user);
  }

  /** Where to measure from in this VPC, once chosen (the instance itself is in the vantage memory). */
  vantageChoice(region: string, vpcId: string): 'thisMachine' | 'instance' | undefined {
    return this.store.get('diagnoseVantages')?.[clientLocationKey(region, vpcId)];
  }

  async setVantageChoice(region: string, vpcId: string, choice: 'thisMachine' | 'instance'): Promise<void> {
    await this.store.change('diagnoseVantages', (all) => ({ ...all, [clientLocationKey(region, vpcId)]: choice }));
  }

  reachabilitySource(region: string, vpcId: string): string | undefined {
    return this.read('diagnoseReachabilitySources')[clientLocationKey(region, vpcId)];
  }

  setReachabilitySource(region: string, vpcId: string, sourceId: string): Promise<void> {
    return this.write('diagnoseReachabilitySources', clientLocationKey(region, vpcId), sourceId);
  }

  private read(key: StringMapKey): Record<string, string> {
    return this.store.get(key) ?? {};
  }

  private async write(key: StringMapKey, field: string, value: string): Promise<void> {
    await this.store.set(key, { ...this.read(key), [field]: value });
  }
}
