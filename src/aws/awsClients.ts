// Builds the EC2, STS and SSM clients for one profile and region. Credentials come from the SDK's
// `fromIni`, which handles every profile kind and refreshes on `Expiration`; we add no cache of
// credentials of our own. Runtime SDK imports: reach this module only through coreEntry.ts.
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { InitializeMiddleware } from '@aws-sdk/types';
import { plainHttpProblem } from '../connection/loopbackHost';
import { annotateOperation, AwsSettingsError } from './awsErrors';
import { profileKindOf, resolveSharedFilePaths } from './profiles';
import type { AwsClientOptions, AwsClients } from './types';

const USER_AGENT_APP_ID = 'vscode-planetscale-privatelink';

/** Validates the endpoint override early, so a typo reads as a settings problem, not a network one. */
function checkedEndpoint(endpointUrl: string | undefined): string | undefined {
  const trimmed = endpointUrl?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AwsSettingsError('endpointUrl', `Invalid URL in the AWS endpoint URL setting: "${trimmed}". Use a full URL such as http://127.0.0.1:4566, or leave it empty for AWS.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AwsSettingsError('endpointUrl', 'Invalid URL in the AWS endpoint URL setting: it must start with http:// or https://.');
  }
  const insecure = plainHttpProblem(url, 'planetscalePrivateLink.aws.endpointUrl');
  if (insecure) throw new AwsSettingsError('endpointUrl', insecure);
  return trimmed;
}

type CredentialProvider = ReturnType<typeof fromIni>;

function credentialsFor(options: AwsClientOptions, endpoint: string | undefined): CredentialProvider {
  const { configFile, credentialsFile } = resolveSharedFilePaths({ env: options.env });
  const init = {
    profile: options.profile,
    configFilepath: configFile,
    filepath: credentialsFile,
    // Re-read the files when credentials are resolved again: the user may have refreshed them.
    ignoreCache: true,
    // STS for role_arn profiles (and the SSO portal) follow the override too, so a sandboxed
    // session never reaches real AWS. No region here: the SSO client must keep sso_region.
    ...(endpoint ? { clientConfig: { endpoint } } : {}),
  };
  const ini = fromIni(init);
  const sso = fromSSO(init);
  // fromIni hands SSO profiles to fromSSO without the file paths (it then reads the default
  // files), so an SSO profile from the files we were given resolves through fromSSO directly.
  return async (props) => {
    const files = await loadSharedConfigFiles({ configFilepath: configFile, filepath: credentialsFile, ignoreCache: true });
    const settings = { ...files.configFile[options.profile], ...files.credentialsFile[options.profile] };
    return profileKindOf(settings) === 'sso' ? sso(props) : ini(props);
  };
}

/** Records the failing operation on the error, so classifyAwsError can name the IAM action. */
function operationAnnotator<I extends object, O extends object>(service: 'ec2' | 'sts' | 'ssm'): InitializeMiddleware<I, O> {
  return (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      if (operation) annotateOperation(err, service, operation);
      throw err;
    }
  };
}

const ANNOTATOR_OPTIONS = { step: 'initialize', name: 'privatelinkAnnotateOperation', override: true } as const;

/** EC2 and STS clients for one profile and region, both honouring the endpoint override. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  if (!options.profile.trim()) throw new AwsSettingsError('profile', 'No AWS profile chosen: choose a profile first.');
  if (!options.region.trim()) throw new AwsSettingsError('region', 'No AWS region given: set the regions to show, or a region in the profile.');
  const endpoint = checkedEndpoint(options.endpointUrl);
  const credentials = credentialsFor(options, endpoint);
  const common = {
    region: options.region,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    userAgentAppId: USER_AGENT_APP_ID,
    ...(endpoint ? { endpoint } : {}),
  };
  const ec2 = new EC2Client(common);
  const sts = new STSClient(common);
  // The endpoint override serves SSM too (the sandbox answers every service on one URL).
  const ssm = new SSMClient(common);
  ec2.middlewareStack.add(operationAnnotator('ec2'), ANNOTATOR_OPTIONS);
  sts.middlewareStack.add(operationAnnotator('sts'), ANNOTATOR_OPTIONS);
  ssm.middlewareStack.add(operationAnnotator('ssm'), ANNOTATOR_OPTIONS);
  return { ec2, sts, ssm, profile: options.profile, region: options.region, ...(endpoint ? { endpointUrl: endpoint } : {}) };
}

/**
 * Reuses clients per profile + region + endpoint URL (their sockets and resolved credentials).
 * `clear()` after the user switches profile or edits settings; clients are destroyed then.
 */
export class AwsClientCache {
  private readonly clients = new Map<string, AwsClients>();

  constructor(private readonly factory: (options: AwsClientOptions) => AwsClients = createAwsClients) {}

  static keyOf(options: Pick<AwsClientOptions, 'profile' | 'region' | 'endpointUrl'>): string {
    return JSON.stringify([options.profile, options.region, options.endpointUrl?.trim() || '']);
  }

  get(options: AwsClientOptions): AwsClients {
    const key = AwsClientCache.keyOf(options);
    let clients = this.clients.get(key);
    if (!clients) {
      clients = this.factory(options);
      this.clients.set(key, clients);
    }
    return clients;
  }

  get size(): number {
    return this.clients.size;
  }

  /** Drops (and destroys) the clients of one profile, or all of them. */
  clear(profile?: string): void {
    for (const [key, clients] of this.clients) {
      if (profile === undefined || clients.profile === profile) {
        clients.ec2.destroy();
        clients.sts.destroy();
        clients.ssm.destroy();
        this.clients.delete(key);
      }
    }
  }
}
