// What Diagnose remembers for the workspace, so the user answers each question once: the client's
// location per VPC, the Private Host and login user per endpoint, the Reachability Analyzer
// source per VPC. None of it is secret (ids, CIDRs, host and user names); passwords are never kept.
import type * as vscode from 'vscode';
import { CLIENT_LOCATIONS_KEY, clientLocationKey, readClientLocation, type ClientLocation } from '../../diagnose/clientLocation';

const HOSTS_KEY = 'planetscalePrivateLink.diagnose.privateHosts';
const USERS_KEY = 'planetscalePrivateLink.diagnose.users';
const SOURCES_KEY = 'planetscalePrivateLink.diagnose.reachabilitySources';

type StringMap = Record<string, string>;

export class DiagnoseMemory {
  constructor(private readonly state: vscode.Memento) {}

  clientLocation(region: string, vpcId: string): ClientLocation | undefined {
    const all = this.state.get<Record<string, unknown>>(CLIENT_LOCATIONS_KEY) ?? {};
    return readClientLocation(all[clientLocationKey(region, vpcId)]);
  }

  async setClientLocation(region: string, vpcId: string, location: ClientLocation | undefined): Promise<void> {
    const all = { ...(this.state.get<Record<string, unknown>>(CLIENT_LOCATIONS_KEY) ?? {}) };
    const key = clientLocationKey(region, vpcId);
    if (location) all[key] = location;
    else delete all[key];
    await this.state.update(CLIENT_LOCATIONS_KEY, all);
  }

  privateHost(endpointId: string): string | undefined {
    return this.read(HOSTS_KEY)[endpointId];
  }

  setPrivateHost(endpointId: string, host: string): Promise<void> {
    return this.write(HOSTS_KEY, endpointId, host);
  }

  user(endpointId: string): string | undefined {
    return this.read(USERS_KEY)[endpointId];
  }

  setUser(endpointId: string, user: string): Promise<void> {
    return this.write(USERS_KEY, endpointId, user);
  }

  reachabilitySource(region: string, vpcId: string): string | undefined {
    return this.read(SOURCES_KEY)[clientLocationKey(region, vpcId)];
  }

  setReachabilitySource(region: string, vpcId: string, sourceId: string): Promise<void> {
    return this.write(SOURCES_KEY, clientLocationKey(region, vpcId), sourceId);
  }

  private read(key: string): StringMap {
    const value = this.state.get<unknown>(key);
    return typeof value === 'object' && value !== null ? (value as StringMap) : {};
  }

  private async write(key: string, field: string, value: string): Promise<void> {
    await this.state.update(key, { ...this.read(key), [field]: value });
  }
}
