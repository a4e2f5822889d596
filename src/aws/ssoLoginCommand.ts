// The `aws sso login` the extension starts for an expired SSO session, as an argument vector for
// a process, never a line for a shell: PowerShell and cmd.exe quote differently from POSIX shells,
// so no quoting could make a crafted profile name safe in all of them.
import type { ProfileListing } from './types';

export type SsoLoginCommand =
  | { ok: true; executable: 'aws'; args: string[]; profile?: string }
  | { ok: false; problem: string };

/** `requested` must be a profile the SDK's loader listed; none → the CLI's own default profile. */
export function ssoLoginCommand(listing: Pick<ProfileListing, 'profiles' | 'configFile' | 'credentialsFile'>, requested: string | undefined): SsoLoginCommand {
  if (requested === undefined || requested === '') return { ok: true, executable: 'aws', args: ['sso', 'login'] };
  if (!listing.profiles.some((p) => p.name === requested)) {
    const shown = JSON.stringify(requested.length > 80 ? `${requested.slice(0, 80)}…` : requested);
    return {
      ok: false,
      problem: `The AWS profile ${shown} is not a profile of ${listing.configFile} or ${listing.credentialsFile}, so "aws sso login" was not started. Choose a listed profile (PlanetScale PrivateLink: Choose AWS Profile) or fix the setting planetscalePrivateLink.aws.profile.`,
    };
  }
  return { ok: true, executable: 'aws', args: ['sso', 'login', '--profile', requested], profile: requested };
}
