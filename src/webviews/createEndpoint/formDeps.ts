// What the Create Endpoint form's host is given by the extension (or a test): sessions, the lazy
// core, the workspace store, the UI it confirms and copies through.
import type * as vscode from 'vscode';
import type { LazyCore } from '../../lazyCore';
import type { Announcements } from '../../services/announcements';
import type { AwsSession } from '../../services/awsSession';
import type { PlanetScaleSession } from '../../services/planetscaleSession';
import type { WorkspaceStore } from '../../services/workspaceStore';
import type { CreateEndpointUi } from './createEndpointUi';

export interface ControllerDeps {
  log: vscode.LogOutputChannel;
  redact: (text: string) => string;
  aws: Pick<AwsSession, 'listProfiles' | 'chosenProfile' | 'chosenRegions' | 'clients'>;
  core: Pick<LazyCore, 'get'>;
  planetscale: Pick<PlanetScaleSession, 'client'>;
  store: WorkspaceStore;
  ui: CreateEndpointUi;
  announcements: Pick<Announcements, 'claim'>;
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
}
