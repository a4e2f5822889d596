// Entry of the lazily loaded features bundle (dist/features.js): the forms, panels and flows behind
// the commands that do real work on demand. The command table names each one's builder
// (commands/commandTable.ts), so none of this code is parsed until one of its commands runs.
export { createEndpointFeature } from './commands/createEndpoint';
export { diagnoseFeature } from './commands/diagnose';
export { writeConnectionStringFeature } from './commands/writeConnectionString/writeConnectionString';
export { resumeCreationFeature } from './commands/resumeCreation';
export { publicAccessFeature } from './commands/publicAccess/publicAccessFeature';
export { languageModelToolsFeature } from './lmTools/lmToolsFeature';
export { verifyFromInstanceFeature } from './commands/verifyFromInstance/verifyFromInstanceCommand';
export { deleteEndpointFeature } from './commands/deleteEndpoint';
export { enableVpcDnsFeature } from './commands/enableVpcDns';
export { openInConsoleFeature } from './commands/openInConsole';
