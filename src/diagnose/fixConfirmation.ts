// The words around changing the user's AWS account from Diagnose: the modal question before a
// fix (what changes, where, and the same change as a CLI command), the message when it fails
// part-way, and the Reachability Analyzer's charge, which the user must agree to first.
import type { Fix, FixApply } from './diagnoseTypes';

export interface Confirmation {
  message: string;
  detail: string;
  action: string;
}

export const REACHABILITY_CONFIRMATION: Confirmation = {
  message: 'Run AWS Reachability Analyzer? AWS charges for each analysis.',
  detail:
    'AWS bills every network path analysis to your account (about US$0.10 each at the time of writing; see the Amazon VPC pricing page). ' +
    'The extension creates one path and one analysis from the application to the endpoint on port 5432, waits for the answer, and deletes both afterwards.',
  action: 'Run Analysis (charged)',
};

/** `changes`: one line per operation of the fix, as the panel shows them. */
export function fixConfirmation(checkTitle: string, fix: Fix & { apply: FixApply }, profile: string, changes: string[]): Confirmation {
  return {
    message: `Change AWS to fix "${checkTitle}"?`,
    detail: `In ${fix.apply.region} with profile ${profile}:\n• ${changes.join('\n• ')}\n\nThe same change as:\n${fix.cliCommand}`,
    action: 'Apply Fix',
  };
}

/** `completed`: the operations done before the failure (said, so nothing is left unmentioned). */
export function fixFailureMessage(checkTitle: string, message: string, completed: string[]): string {
  return `The fix for "${checkTitle}" failed: ${message}${completed.length ? ` Already done: ${completed.join('; ')}.` : ' Nothing was changed.'}`;
}
