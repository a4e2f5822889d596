// A window reload in the middle of a creation: the run's record stays in workspace state, and the
// shipped command the next start runs finds what it made by its request tag, then adopts it
// (watching it and turning on private DNS after acceptance) or deletes it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ExtensionApi, extensionApi } from '../../support/api';
import { control, controlGet, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, groupExists, subnetId, testEc2, vpcId } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { Commands } from '../../../../src/commands/commandIds';

const IN_PROGRESS_KEY = 'planetscalePrivateLink.creationInProgress';
const CREATED_KEY = 'planetscalePrivateLink.createdEndpoints';
const RESUME = Commands.resumeInterruptedCreation;

interface ResumeResult {
  outcome: string;
  endpointIds: string[];
  securityGroupId?: string;
  message: string;
}

describe('a creation interrupted by a window reload', function () {
  this.timeout(180_000);
  const info = sandboxInfo();
  const ec2 = testEc2();
  let api: ExtensionApi;
  const cleanup: Array<() => Promise<unknown>> = [];

  before(async () => {
    api = await extensionApi();
  });
  afterEach(async () => {
    await control('/faults/clear');
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
    await api.services.context.workspaceState.update(IN_PROGRESS_KEY, undefined);
  });

  /** What the run had made when the window went away: a tagged group and endpoint, and its record. */
  async function interruptedRun(name: string, options: { pendingAcceptance: boolean }) {
    const vpc = await vpcId('default');
    const fingerprint = `pl-test-${name}-${Date.now().toString(16)}`;
    const tags = [
      { Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' },
      { Key: 'planetscale-privatelink:request', Value: fingerprint },
      { Key: 'Name', Value: name },
    ];
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'interrupted run (test)', VpcId: vpc, TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }] }));
    cleanup.push(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId })));
    if (options.pendingAcceptance) await control('/faults', { nextEndpointOutcome: 'pendingAcceptance' });
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface',
      VpcId: vpc,
      ServiceName: US_EAST_SERVICE,
      SubnetIds: [await subnetId(vpc, 'us-east-1a'), await subnetId(vpc, 'us-east-1b')],
      SecurityGroupIds: [sg.GroupId!],
      PrivateDnsEnabled: false,
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tags }],
    }));
    const endpointId = created.VpcEndpoint!.VpcEndpointId!;
    cleanup.push(() => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })));
    await api.services.context.workspaceState.update(IN_PROGRESS_KEY, [{
      fingerprint,
      profile: info.awsProfile,
      region: 'us-east-1',
      vpcId: vpc,
      serviceName: US_EAST_SERVICE,
      groupName: name,
      privateDnsAfterAcceptance: options.pendingAcceptance,
      startedAt: new Date().toISOString(),
    }]);
    return { endpointId, groupId: sg.GroupId!, vpc };
  }

  const describe1 = async (endpointId: string) => (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }))).VpcEndpoints?.[0];

  it('Adopt: watches the endpoint and turns on private DNS once PlanetScale accepts', async () => {
    const { endpointId, groupId } = await interruptedRun('interrupted-adopt', { pendingAcceptance: true });
    await control('/stats/reset');
    const resumed = Promise.resolve(vscode.commands.executeCommand<ResumeResult[]>(RESUME, { action: 'adopt' }));
    // PlanetScale accepts once the command has looked at the endpoint a few times; until then
    // private DNS stays off.
    await eventually(async () => ((await controlGet<{ calls: Record<string, number> }>('/stats')).calls.DescribeVpcEndpoints >= 3 ? true : undefined), 'the wait for acceptance', 60_000);
    assert.equal((await controlGet<{ calls: Record<string, number> }>('/stats')).calls.ModifyVpcEndpoint ?? 0, 0);
    assert.equal((await describe1(endpointId))?.PrivateDnsEnabled, false);
    await control(`/endpoints/${endpointId}/state`, { state: 'available' });
    const [result] = (await resumed) ?? [];
    assert.ok(result, 'the command reported a result');
    assert.equal(result.outcome, 'adopted', result.message);
    assert.deepEqual(result.endpointIds, [endpointId]);
    assert.equal(result.securityGroupId, groupId);
    assert.equal((await describe1(endpointId))?.PrivateDnsEnabled, true);
    const watched = api.services.context.workspaceState.get<Array<{ endpointId: string; securityGroupId?: string }>>(CREATED_KEY) ?? [];
    assert.ok(watched.some((w) => w.endpointId === endpointId && w.securityGroupId === groupId), 'the adopted endpoint is watched');
    assert.equal(api.services.context.workspaceState.get(IN_PROGRESS_KEY), undefined, 'the record is done');
    await api.services.context.workspaceState.update(CREATED_KEY, watched.filter((w) => w.endpointId !== endpointId));
  });

  it('Delete: removes the endpoint and the group the run created, and the record', async () => {
    const { endpointId, groupId } = await interruptedRun('interrupted-delete', { pendingAcceptance: false });
    const [result] = (await vscode.commands.executeCommand<ResumeResult[]>(RESUME, { action: 'delete' })) ?? [];
    assert.ok(result, 'the command reported a result');
    assert.equal(result.outcome, 'deleted', result.message);
    assert.equal(String((await describe1(endpointId))?.State).toLowerCase(), 'deleted');
    await eventually(async () => ((await groupExists(groupId)) ? undefined : true), 'the group to be gone', 60_000);
    assert.equal(api.services.context.workspaceState.get(IN_PROGRESS_KEY), undefined);
  });

  it('nothing made yet: the record is dropped without asking', async () => {
    await api.services.context.workspaceState.update(IN_PROGRESS_KEY, [{
      fingerprint: `pl-test-none-${Date.now().toString(16)}`,
      profile: info.awsProfile,
      region: 'us-east-1',
      vpcId: await vpcId('default'),
      serviceName: US_EAST_SERVICE,
      groupName: 'never-created',
      privateDnsAfterAcceptance: false,
      startedAt: new Date().toISOString(),
    }]);
    const [result] = (await vscode.commands.executeCommand<ResumeResult[]>(RESUME)) ?? [];
    assert.equal(result?.outcome, 'nothingLeft');
    assert.equal(api.services.context.workspaceState.get(IN_PROGRESS_KEY), undefined);
  });
});
