// Account-level reads (who am I, which regions) and one import path for every query module.
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { sendOptions, throwIfAborted } from './queryHelpers';
import type { CallerIdentity, QueryOptions, RegionInfo } from './types';

export * from './vpcQueries';
export * from './endpointQueries';
export * from './networkRuleQueries';

/** The account and principal behind the client's credentials (sts:GetCallerIdentity). */
export async function getCallerIdentity(sts: STSClient, options: QueryOptions = {}): Promise<CallerIdentity> {
  throwIfAborted(options.signal);
  const out = await sts.send(new GetCallerIdentityCommand({}), sendOptions(options.signal));
  return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
}

/** The regions enabled for the account (DescribeRegions is not paginated), sorted by name. */
export async function listRegions(ec2: EC2Client, options: QueryOptions = {}): Promise<RegionInfo[]> {
  throwIfAborted(options.signal);
  const out = await ec2.send(new DescribeRegionsCommand({}), sendOptions(options.signal));
  return (out.Regions ?? [])
    .filter((r) => r.RegionName)
    .map((r) => ({ name: r.RegionName as string, ...(r.OptInStatus ? { optInStatus: r.OptInStatus } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
