// Every command id this extension registers, once. package.json's `contributes.commands` must list
// the same ids (test/unit/commands/commandTable.test.ts checks both ways). No `vscode` import:
// the core-facing modules, the unit tests and the extension-host tests read it too.

export const Commands = {
  // AWS profile, regions and sign-in
  selectAwsProfile: 'planetscalePrivateLink.selectAwsProfile',
  selectRegions: 'planetscalePrivateLink.selectRegions',
  awsSsoLogin: 'planetscalePrivateLink.awsSsoLogin',
  // PlanetScale service token
  signInPlanetScale: 'planetscalePrivateLink.signInPlanetScale',
  signOutPlanetScale: 'planetscalePrivateLink.signOutPlanetScale',
  // Explorer refresh
  refreshAws: 'planetscalePrivateLink.refreshAws',
  refreshPlanetScale: 'planetscalePrivateLink.refreshPlanetScale',
  refreshNode: 'planetscalePrivateLink.refreshNode',
  // Tree item actions
  copyId: 'planetscalePrivateLink.copyId',
  copyPrivateHost: 'planetscalePrivateLink.copyPrivateHost',
  copyServiceName: 'planetscalePrivateLink.copyServiceName',
  openInConsole: 'planetscalePrivateLink.openInConsole',
  enableVpcDns: 'planetscalePrivateLink.enableVpcDns',
  // Endpoints: create, watch, delete
  createEndpoint: 'planetscalePrivateLink.createEndpoint',
  watchEndpoint: 'planetscalePrivateLink.watchEndpoint',
  unwatchEndpoint: 'planetscalePrivateLink.unwatchEndpoint',
  deleteEndpoint: 'planetscalePrivateLink.deleteEndpoint',
  showEndpointStatus: 'planetscalePrivateLink.showEndpointStatus',
  refreshEndpointStatus: 'planetscalePrivateLink.refreshEndpointStatus',
  // Verification, Diagnose, IP restrictions
  writeConnectionString: 'planetscalePrivateLink.writeConnectionString',
  verifyFromInstance: 'planetscalePrivateLink.verifyFromInstance',
  diagnose: 'planetscalePrivateLink.diagnose',
  restrictToPrivate: 'planetscalePrivateLink.restrictToPrivate',
  allowPublicAgain: 'planetscalePrivateLink.allowPublicAgain',
  showLog: 'planetscalePrivateLink.showLog',
  /** Internal (not in package.json): run on start when the last window left a creation unfinished. */
  resumeInterruptedCreation: 'planetscalePrivateLink.resumeInterruptedCreation',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
