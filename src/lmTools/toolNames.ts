// The language model tools this extension contributes (package.json `languageModelTools`), and
// which of them change anything. Pure: the main bundle registers by these names.

export const READ_ONLY_TOOLS = [
  'planetscalePrivateLink_listBranches',
  'planetscalePrivateLink_listEndpoints',
  'planetscalePrivateLink_endpointStatus',
  'planetscalePrivateLink_diagnose',
  'planetscalePrivateLink_verifyConnection',
  'planetscalePrivateLink_planEndpoint',
] as const;

/** Create AWS resources or write files: only in a trusted workspace, only after the user confirms. */
export const CONFIRMING_TOOLS = ['planetscalePrivateLink_createEndpoint', 'planetscalePrivateLink_writeConnectionString'] as const;

export type ReadOnlyToolName = (typeof READ_ONLY_TOOLS)[number];
export type ConfirmingToolName = (typeof CONFIRMING_TOOLS)[number];
export type ToolName = ReadOnlyToolName | ConfirmingToolName;
