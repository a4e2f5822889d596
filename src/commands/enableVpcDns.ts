import * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import { UserFacingError } from '../errors/userFacingError';
import type { VpcPayload } from '../views/aws/awsNodes';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import type { Feature } from '../deferredFeature';

/**
 * Turns on enableDnsSupport and enableDnsHostnames, which private DNS for an endpoint needs.
 * Built from dist/features.js on the command's first run.
 */
export function enableVpcDnsFeature(services: ExtensionServices, tree: AwsTreeProvider): Feature {
  return {
    disposables: [],
    run: async (arg?: unknown) => {
      const vpc = (arg as { payload?: VpcPayload } | undefined)?.payload;
      if (vpc?.kind !== 'vpc') throw new UserFacingError('Run this from a VPC in the AWS view.');
      const label = vpc.name ? `${vpc.name} (${vpc.vpcId})` : vpc.vpcId;
      const ok = await vscode.window.showWarningMessage(
        `Turn on DNS support and DNS hostnames for ${label} in ${vpc.region}?`,
        { modal: true, detail: 'Instances in the VPC get public DNS hostnames when they have public IPs, and the Amazon DNS server answers inside the VPC. Private DNS for an interface endpoint needs both attributes.' },
        'Turn On',
      );
      if (ok !== 'Turn On') return;
      const { ec2 } = services.aws.clients(vpc.profile, vpc.region);
      await services.core.get().setVpcDnsAttributes(ec2, vpc.vpcId, { enableDnsSupport: true, enableDnsHostnames: true });
      services.log.info(`Turned on DNS support and hostnames for ${vpc.vpcId} (${vpc.region}).`);
      tree.refresh();
    },
  };
}
