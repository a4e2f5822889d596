// The sandbox's laptop vantage point: this machine's resolver does not see the private zone and
// no route leads from it to the endpoint, so the product says "outside the VPC" — and the same
// path is proven from app-instance through Systems Manager. Also: output cut at 24,000 characters.
import assert from 'node:assert/strict';
import { createAwsClients } from '../../../../src/aws/awsClients';
import { SsmProbeError } from '../../../../src/aws/ssmErrors';
import { detectVantage } from '../../../../src/aws/vantage/vantageDetection';
import { runProbe } from '../../../../src/aws/vantage/ssmProbeRunner';
import { verifyFromInstance } from '../../../../src/aws/vantage/verifyFromInstance';
import type { AwsClients } from '../../../../src/aws/types';
import { createAvailableEndpoint, createEndpointSecurityGroup, probeTcp, sandboxResolver } from '../../support/clients';
import { useSandbox } from '../../support/sandbox';

describe('vantage: the laptop outside the VPC (sandbox --vantage laptop)', function () {
  this.timeout(120_000);
  const sandbox = useSandbox({ vantage: 'laptop', ssmTimings: { visibleAfterMs: 300, deliveryMs: 200 } });
  let clients: AwsClients;
  let endpointId: string;

  before(async () => {
    const info = sandbox().info;
    clients = createAwsClients({ profile: info.awsProfile, region: info.region, endpointUrl: info.ec2Endpoint, env: { AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile }, maxAttempts: 1 });
    const sg = await createEndpointSecurityGroup(sandbox(), 'laptop-endpoint-sg', [5432, 6432]);
    endpointId = (await createAvailableEndpoint(sandbox(), { securityGroupIds: [sg] })).VpcEndpointId!;
  });
  after(() => {
    clients?.ec2.destroy();
    clients?.ssm.destroy();
    clients?.sts.destroy();
  });

  it('here the Private Host does not resolve and the interfaces are unreachable; the product says this machine is outside the VPC', async () => {
    assert.equal(sandbox().info.vantage, 'laptop');
    const host = sandbox().postgres.seededRole('orders', 'main').privateHost;
    const answers = await sandboxResolver(sandbox().info).resolve4(host).catch((error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ENOTFOUND');
      return [] as string[];
    });
    assert.deepEqual(answers, []);
    const endpoint = sandbox().ec2.endpoints().find((e) => e.endpointId === endpointId)!;
    assert.equal(await probeTcp(endpoint.interfaces[0].ip, 5432), 'silent');
    const vantage = detectVantage(host, answers, endpoint.interfaces.map((i) => i.ip), endpoint.vpcId);
    assert.equal(vantage.inside, false);
    assert.match((vantage as { message: string }).message, new RegExp(`^This machine is outside ${endpoint.vpcId}: .*Verify from an instance inside it\\?$`));
  });

  it('the same path is proven from app-instance through Systems Manager', async () => {
    const host = sandbox().postgres.seededRole('orders', 'main').privateHost;
    const appInstance = sandbox().ec2.instances('us-east-1').find((i) => i.name === 'app-instance')!;
    const result = await verifyFromInstance(clients, { endpointId, privateHost: host, instanceId: appInstance.instanceId, region: 'us-east-1' });
    assert.deepEqual(result.verdict.problems, []);
    assert.equal(result.verdict.pathProven, true);
  });

  it('output beyond 24,000 characters is cut as SSM cuts it, and the probe says nothing was proven', async () => {
    const appInstance = sandbox().ec2.instances('us-east-1').find((i) => i.name === 'app-instance')!;
    const script = '#!/bin/bash\nhead -c 30000 /dev/zero | tr "\\0" x\necho\necho PSPL-PROBE-BEGIN v1\necho PSPL-PROBE-END';
    await assert.rejects(runProbe(clients.ssm, { instanceId: appInstance.instanceId, script, pollDelaysMs: [300] }), (error: SsmProbeError) =>
      error.kind === 'truncated' && /24,000 characters/.test(error.message) && /Nothing was proven/.test(error.message));
  });
});
