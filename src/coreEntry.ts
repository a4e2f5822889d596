// Entry of the lazily loaded core bundle (dist/core.js): modules that import the AWS SDK or pg at
// runtime. Append-only, one `export * from` line per module.
export * from './aws/awsClients';
export * from './aws/ec2Queries';
export * from './aws/explorerModel';
export * from './aws/createEndpoint/applyPlan';
export * from './aws/createEndpoint/preflight';
export * from './aws/createEndpoint/deleteEndpoint';
export * from './aws/createEndpoint/endpointWaiter';
export * from './aws/createEndpoint/securityGroupCleanup';
export * from './diagnose/diagnoseRunner';
export * from './diagnose/applyFix';
export * from './diagnose/diagnoseCollaborators';
export * from './connection/verifyPipeline';
export * from './aws/createEndpoint/interruptedCreation';
export * from './connection/publicHostProbe';
export * from './aws/vantage/vantageCandidates';
export * from './aws/vantage/verifyFromInstance';
export * from './aws/vantage/ssmProbeRunner';
export * from './diagnose/instanceProbe';
