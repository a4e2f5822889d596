// planetscalePrivateLink.verifyFromInstance: proves the private path (DNS, TCP, TLS as
// verify-full) from an instance inside the endpoint's VPC through Systems Manager — for a
// machine outside the VPC, where the Private Host does not resolve to the endpoint.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError } from '../../errors/userFacingError';
import { resolveBranch } from '../branchArgument';
import { endpointForBranch, EndpointsForService, InstanceVerifier } from './instanceVerifier';
import type { VantageUi } from './vantageUi';
import { Commands } from '../commandIds';

const TITLE = 'Verify from an Instance in the VPC';

export function verifyFromInstanceFeature(services: ExtensionServices, endpointsForService: EndpointsForService, ui?: VantageUi): { run(arg?: unknown): Promise<void>; disposables: vscode.Disposable[]; verifier: InstanceVerifier } {
  const verifier = new InstanceVerifier(services, ui);
  return {
    disposables: [],
    verifier,
    run: async (arg?: unknown) => {
      const branch = await resolveBranch(services, arg, TITLE);
      if (!branch) return;
      const result = await verifier.verify(branch, endpointForBranch(endpointsForService, branch));
      if (!result) return;
      if (!result.verdict.pathProven) {
        throw new UserFacingError(`Not proven from ${result.instanceId}: ${result.verdict.problems[0] ?? 'no connection was checked.'}`, [
          { label: 'Diagnose', command: Commands.diagnose, args: [{ payload: branch }] },
          { label: 'Show Log', command: Commands.showLog },
        ]);
      }
      void vscode.window.showInformationMessage(`Private path verified from ${result.instanceId}: ${branch.privateHost} resolves to the endpoint, and 5432 and 6432 answer with TLS verified as verify-full. The login was not tested from there.`);
    },
  };
}
