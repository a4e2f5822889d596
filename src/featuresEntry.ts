// Entry of the lazily loaded features bundle (dist/features.js): the forms, panels and flows behind
// the heavier commands. activate() registers their commands with thin proxies, so none of this
// code is parsed until a command runs.
export { createEndpointFeature } from './commands/createEndpoint';
export { diagnoseFeature } from './commands/diagnose';
export { writeConnectionStringFeature } from './commands/writeConnectionString/writeConnectionString';
export { resumeCreationFeature } from './commands/resumeCreation';
export { publicAccessFeature } from './commands/publicAccess/publicAccessFeature';
export { languageModelToolsFeature } from './lmTools/lmToolsFeature';
export { verifyFromInstanceFeature } from './commands/verifyFromInstance/verifyFromInstanceCommand';
