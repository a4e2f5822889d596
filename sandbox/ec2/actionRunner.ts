// Runs one EC2 action from the table, after the checks AWS makes first (credentials, Action,
// Version, throttling, denial); a dry run answers DryRunOperation and changes nothing.
import type { HandlerContext } from './context';
import { EC2_ACTIONS, resourceArnFor } from './dispatch';
import { Ec2Error, type QueryParams } from './queryProtocol';
import { encodeAuthorizationMessage } from './sts';
import type { XmlObject } from './xml';

/** The emulator's services an action runs with; `changed` tells listeners a mutating action ran. */
export type ActionEnv = Pick<HandlerContext, 'state' | 'accountId' | 'now' | 'endpoints' | 'faults'> & { changed(): void };

export function runEc2Action(env: ActionEnv, action: string, params: QueryParams, region: string | undefined): XmlObject {
  if (!region) throw new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials');
  if (!action) throw new Ec2Error('MissingAction', 'The request must contain the parameter Action');
  const entry = EC2_ACTIONS[action];
  if (!entry) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
  if (!params.get('Version')) throw new Ec2Error('MissingParameter', 'The request must contain the parameter Version');
  if (env.faults.takeThrottle(action)) throw new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
  if (env.faults.isDenied(action)) throw unauthorized(env, action, region, entry.mutating);
  const dryRun = params.bool('DryRun') === true;
  let dryRunChecked = false;
  const ctx: HandlerContext = {
    action,
    params,
    region: env.state.region(region),
    state: env.state,
    accountId: env.accountId,
    now: env.now,
    endpoints: env.endpoints,
    faults: env.faults,
    checkDryRun: () => {
      dryRunChecked = true;
      if (dryRun) throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    },
  };
  const result = entry.handler(ctx);
  if (entry.mutating && !dryRunChecked) throw new Error(`${action} did not check DryRun`);
  if (dryRun) throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  if (entry.mutating) env.changed();
  return result;
}

function unauthorized(env: ActionEnv, action: string, region: string, mutating: boolean): Ec2Error {
  const { identity } = env.state;
  const resource = resourceArnFor(action, region, env.accountId);
  const base = `You are not authorized to perform this operation. User: ${identity.callerArn} is not authorized to perform: ec2:${action}`;
  // Describe calls answer without an encoded message; mutating calls carry one, as in AWS.
  if (!mutating) return new Ec2Error('UnauthorizedOperation', `${base} because no identity-based policy allows the ec2:${action} action`);
  const encoded = encodeAuthorizationMessage(identity, `ec2:${action}`, resource);
  return new Ec2Error(
    'UnauthorizedOperation',
    `${base} on resource: ${resource} because no identity-based policy allows the ec2:${action} action. Encoded authorization failure message: ${encoded}`,
  );
}
