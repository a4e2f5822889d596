// The form's profile and region come from its dropdowns, filled from what the host listed. A
// message naming anything else (a crafted page, a stale form) is refused: the profile reaches
// the SDK's loader and `aws sso login`, the region every AWS call.
import { isAwsRegion } from '../../aws/awsNames';

export interface ListedContext {
  profiles: readonly string[];
  regions: readonly string[];
  /** The current choice, shown even when it is not in the lists (e.g. from a setting). */
  profile: string;
  region: string;
}


/** Why the requested profile/region cannot be used, or undefined when both were offered. */
export function contextChoiceProblem(requested: { profile: string; region: string }, listed: ListedContext): string | undefined {
  const profile = requested.profile.trim();
  const region = requested.region.trim();
  const problems: string[] = [];
  if (!profile) problems.push('Choose an AWS profile.');
  else if (profile !== listed.profile && !listed.profiles.includes(profile)) {
    problems.push(`"${clip(profile)}" is not one of the AWS profiles listed from your config and credentials files; choose one from the list.`);
  }
  if (!isAwsRegion(region)) problems.push(`"${clip(region)}" is not an AWS region code (for example us-east-1).`);
  else if (region !== listed.region && !listed.regions.includes(region)) {
    problems.push(`${region} is not one of the regions offered (${listed.regions.join(', ') || 'none'}); choose one from the list, or add it with Choose AWS Regions.`);
  }
  return problems.length ? problems.join(' ') : undefined;
}

function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}
