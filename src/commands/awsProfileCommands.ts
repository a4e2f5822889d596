import * as vscode from 'vscode';
import { ssoLoginCommand } from '../aws/ssoLoginCommand';
import type { ExtensionServices } from '../services/extensionServices';
import { UserFacingError } from '../errors/userFacingError';
import { SECTION } from '../services/settings';
import { Commands } from './commandIds';
import { AWS_EXPLORER_VIEW_ID } from '../views/viewIds';

/** Choose the profile and regions the AWS tree shows; run `aws sso login` for an expired session. */
export function awsProfileCommands(services: ExtensionServices) {
  const { aws } = services;
  return {
    selectAwsProfile: async () => {
      const listing = await aws.listProfiles();
      if (!listing.profiles.length) {
        throw new UserFacingError(
          `No AWS profiles found in ${listing.configFile} or ${listing.credentialsFile}. Run "aws configure" (or "aws configure sso") in a terminal, then try again.`,
        );
      }
      const current = aws.chosenProfile(listing);
      // One profile and none in use yet: there is nothing to choose between, so it is the choice.
      const [only] = listing.profiles;
      const pick = listing.profiles.length === 1 && current !== only.name ? { label: only.name } : await vscode.window.showQuickPick(
        listing.profiles.map((p) => ({
          label: p.name,
          description: [p.kind, p.region].filter(Boolean).join(' · '),
          detail: p.name === current ? 'current' : undefined,
          picked: p.name === current,
        })),
        { title: 'Choose AWS Profile', placeHolder: 'Profile from your shared AWS config and credentials files' },
      );
      if (!pick) return;
      // A profile set in settings wins over the picker, so update it where it is defined.
      const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('aws.profile');
      const target = inspected?.workspaceFolderValue ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue ? vscode.ConfigurationTarget.Workspace
        : inspected?.globalValue ? vscode.ConfigurationTarget.Global : undefined;
      if (target !== undefined) await vscode.workspace.getConfiguration(SECTION).update('aws.profile', pick.label, target);
      await aws.chooseProfile(pick.label);
    },
    selectRegions: async () => {
      const listing = await aws.listProfiles();
      const profile = aws.chosenProfile(listing);
      if (!profile) throw new UserFacingError('Choose an AWS profile first.', [{ label: 'Choose AWS Profile', command: Commands.selectAwsProfile }]);
      const current = new Set(aws.chosenRegions(listing, profile));
      const regions = await vscode.window.withProgress({ location: { viewId: AWS_EXPLORER_VIEW_ID } }, async () => {
        const { ec2 } = aws.clients(profile, [...current][0] ?? 'us-east-1');
        return services.core.get().listRegions(ec2);
      });
      const picks = await vscode.window.showQuickPick(
        regions.map((r) => ({ label: r.name, picked: current.has(r.name) })),
        { title: 'Choose AWS Regions to show', canPickMany: true },
      );
      if (!picks?.length) return;
      await aws.chooseRegions(picks.map((p) => p.label));
    },
    awsSsoLogin: async (profileArg?: unknown) => {
      const listing = await aws.listProfiles();
      const login = ssoLoginCommand(listing, typeof profileArg === 'string' ? profileArg : aws.chosenProfile(listing));
      if (!login.ok) throw new UserFacingError(login.problem, [{ label: 'Choose AWS Profile', command: Commands.selectAwsProfile }]);
      // The CLI itself is the terminal's process (found on PATH): no shell reads the profile name.
      const terminal = vscode.window.createTerminal({ name: login.profile ? `AWS SSO login (${login.profile})` : 'AWS SSO login', shellPath: login.executable, shellArgs: login.args });
      terminal.show();
      void vscode.window.showInformationMessage('Finish the sign-in in the terminal and browser, then refresh the AWS view.', 'Refresh').then((done) => {
        if (done) aws.notifyChanged();
      });
    },
  };
}
