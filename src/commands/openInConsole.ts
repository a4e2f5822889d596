import * as vscode from 'vscode';
import { consoleUrl } from '../aws/consoleUrls';
import { UserFacingError } from '../errors/userFacingError';
import type { Feature } from '../deferredFeature';

type ConsolePayload =
  | { kind: 'vpc'; region: string; vpcId: string }
  | { kind: 'endpoint'; region: string; endpoint: { id: string } }
  | { kind: 'subnet' | 'securityGroup'; region: string; id: string };

/**
 * Opens the AWS console page of a VPC, endpoint, subnet or security group from the AWS view.
 * Built from dist/features.js on the command's first run.
 */
export function openInConsoleFeature(): Feature {
  return {
    disposables: [],
    run: async (arg?: unknown) => {
      const p = (arg as { payload?: ConsolePayload } | undefined)?.payload;
      if (!p) throw new UserFacingError('Run this from a VPC, endpoint, subnet or security group in the AWS view.');
      const url =
        p.kind === 'vpc' ? consoleUrl(p.region, { kind: 'vpc', id: p.vpcId })
        : p.kind === 'endpoint' ? consoleUrl(p.region, { kind: 'endpoint', id: p.endpoint.id })
        : consoleUrl(p.region, { kind: p.kind, id: p.id });
      await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}
