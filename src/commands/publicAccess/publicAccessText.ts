// The exact words of the two confirmations and of the results, kept pure so they are tested as
// text: what the action does, that it is database-wide, that only new connections are affected,
// and which rules it leaves alone.
import type { IpRestriction } from '../../planetscale/ipRestrictions';
import { describeRule, PRIVATE_RANGES, type PublicAccessSummary } from '../../planetscale/publicAccess';
import type { AllowAgainResult, DatabaseRef, RestrictResult } from '../../planetscale/privateOnlyActions';

export const RESTRICT_ACTION = 'Restrict to Private Connections';
export const ALLOW_ACTION = 'Allow Public Connections Again';

const name = (ref: DatabaseRef) => `${ref.organization}/${ref.database}`;

function leftAlone(rules: IpRestriction[], note: string): string {
  if (!rules.length) return 'Existing rules it leaves alone: none.';
  return [`Existing rules it leaves alone (${note}):`, ...rules.map((r) => `  • ${describeRule(r)}`)].join('\n');
}

export function restrictConfirmation(ref: DatabaseRef, access: PublicAccessSummary, verified: string): { message: string; detail: string } {
  return {
    message: `Restrict database ${name(ref)} to private connections?`,
    detail: [
      `This creates one IP restriction rule allowing ${PRIVATE_RANGES.join(', ')} for all roles and schemas.`,
      'PlanetScale sees its own private addresses for PrivateLink traffic, so private connections keep working and connections from the public internet are refused.',
      'It applies to every branch of the database.',
      'It affects only new connections: connections that are open now stay open.',
      leftAlone(access.otherRules, 'they keep admitting their ranges, also over the public host'),
      `Verified private path: ${verified}.`,
      'Afterwards it checks that the private path still logs in and that the public host refuses this machine.',
    ].join('\n'),
  };
}

export function allowConfirmation(ref: DatabaseRef, access: PublicAccessSummary): { message: string; detail: string } {
  return {
    message: `Allow public connections to database ${name(ref)} again?`,
    detail: [
      `This deletes only the IP restriction rules this extension created:`,
      ...access.extensionRules.map((r) => `  • ${describeRule(r)}`),
      'It applies to every branch of the database.',
      'It affects only new connections: connections that are open now stay open.',
      leftAlone(access.otherRules, 'never deleted by this extension'),
      access.otherRules.length
        ? 'Your rules stay in force, so the database stays restricted to them.'
        : 'With no rule left, any address on the internet may try to log in (a role\'s password is still required).',
    ].join('\n'),
  };
}

/** The report after Restrict: both halves, each as proven or not. */
export function restrictReport(ref: DatabaseRef, result: RestrictResult): { severity: 'info' | 'warning' | 'error'; message: string } {
  const rule = result.created ? 'Created the private-only rule' : 'The private-only rule already existed';
  const privateHalf = result.privateCheck.ok ? 'the private path still logs in' : `the private path FAILED: ${result.privateCheck.summary}`;
  const publicHalf = {
    refused: 'the public host refused this machine',
    accepted: 'the public host STILL ACCEPTS this machine (another rule admits its address)',
    unreachable: 'the public host could not be reached from here, so its refusal is not proven',
    inconclusive: 'the public check was inconclusive',
  }[result.publicCheck.outcome];
  const severity = !result.privateCheck.ok ? 'error' : result.proven ? 'info' : 'warning';
  const lead = result.proven ? `Database ${name(ref)} is private only.` : `Database ${name(ref)}: not proven private only.`;
  return { severity, message: `${lead} ${rule}; ${privateHalf}; ${publicHalf}.${result.proven ? '' : ` ${result.publicCheck.detail}`}` };
}

export function allowReport(ref: DatabaseRef, result: AllowAgainResult): { severity: 'info' | 'error'; message: string } {
  if (result.failed.length) {
    return {
      severity: 'error',
      message: `Deleted ${result.deleted.length} of ${result.deleted.length + result.failed.length} rules of this extension on ${name(ref)}; these remain: ${result.failed.map((f) => `${describeRule(f.rule)} (${f.message})`).join('; ')}`,
    };
  }
  const kept = result.kept.length ? ` Your ${result.kept.length} rule${result.kept.length === 1 ? '' : 's'} stay in force.` : ' No rule is left: the public host accepts connections again.';
  return { severity: 'info', message: `Deleted the extension's rule${result.deleted.length === 1 ? '' : 's'} on ${name(ref)}.${kept} This applies to new connections.` };
}
