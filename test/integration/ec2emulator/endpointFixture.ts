// The set-up both endpoint test files share: the fixture with short lifecycle delays, so states
// change within a test, and the create/describe calls they make on it.
import {
  CreateVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
  type CreateVpcEndpointCommandInput,
  type CreateVpcEndpointCommandOutput,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { APP_SERVICE, type Fixture, useFixture, waitFor } from './emulatorFixture';

const AVAILABLE_AFTER_MS = 150;

export interface EndpointCalls {
  /** A valid Interface endpoint request on app-vpc (subnets in 1a and 1b, app-servers), with `over` applied. */
  input(over?: Partial<CreateVpcEndpointCommandInput>): CreateVpcEndpointCommandInput;
  create(over?: Partial<CreateVpcEndpointCommandInput>): Promise<CreateVpcEndpointCommandOutput>;
  describeOne(id: string): Promise<VpcEndpoint>;
  /** Polls the endpoint until it is in `state` (or the wait times out); returns the last reading. */
  waitState(id: string, state: string): Promise<VpcEndpoint>;
}

/** Registers a fresh fixture per test (handed to `take`) and returns the calls on it. */
export function useEndpointFixture(take: (fixture: Fixture) => void): EndpointCalls {
  let fx: Fixture;
  useFixture(
    (f) => {
      fx = f;
      take(f);
    },
    { endpointAvailableAfterMs: AVAILABLE_AFTER_MS, deleteAfterMs: 150, eniLingerMs: 300 },
  );

  const input = (over: Partial<CreateVpcEndpointCommandInput> = {}): CreateVpcEndpointCommandInput => ({
    VpcEndpointType: 'Interface',
    VpcId: fx.ids.appVpc,
    ServiceName: APP_SERVICE,
    SubnetIds: [fx.ids.subnetA, fx.ids.subnetB],
    SecurityGroupIds: [fx.ids.appServersSg],
    PrivateDnsEnabled: true,
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'planetscale-privatelink:branch', Value: 'acme/orders/main' }] }],
    ...over,
  });
  const create = (over: Partial<CreateVpcEndpointCommandInput> = {}) => fx.ec2().send(new CreateVpcEndpointCommand(input(over)));
  const describeOne = async (id: string): Promise<VpcEndpoint> => {
    const res = await fx.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    return res.VpcEndpoints?.[0] as VpcEndpoint;
  };
  const waitState = (id: string, state: string) =>
    waitFor(
      () => describeOne(id),
      (e) => e.State === state,
    );
  return { input, create, describeOne, waitState };
}
