// The network between the application instance and the endpoint: forwarders on the interface IPs
// pass TLS through to Postgres/PgBouncer when the VPC's rules allow the flow, and stay silent
// (a dropped packet) when a security group or network ACL would drop it, changing at once when
// the rules change through the EC2 API.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import {
  AuthorizeSecurityGroupIngressCommand, CreateNetworkAclEntryCommand, CreateVpcEndpointCommand, DeleteNetworkAclEntryCommand,
  DeleteVpcEndpointsCommand, EC2Client, RevokeSecurityGroupIngressCommand, VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { useSandbox } from '../support/sandbox';
import { createAvailableEndpoint, createEndpointSecurityGroup, ec2Client, PgTarget, probeTcp, queryOnce, waitForEndpointState } from '../support/clients';
import { eventually } from '../../harness/eventually';
import type { SeededRole } from '../../../sandbox';

describe('sandbox TCP forwarders and VPC rules', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ec2: EC2Client;
  let endpoint: VpcEndpoint;
  let groupId: string;
  let role: SeededRole;
  /** Interface IP in the client's own subnet (us-east-1a) and in the other one (us-east-1b). */
  let sameSubnetIp: string;
  let otherSubnetIp: string;
  let naclId: string;
  let clientSubnetCidr: string;
  const subnetCidr = (name: string) => sandbox().ec2.subnet('us-east-1', sandbox().ec2.subnetIdByName('us-east-1', name) ?? '')?.cidrBlock ?? '';

  const target = (ip: string, port: number, connectTimeoutMs = 1500): PgTarget =>
    ({ ip, port, servername: role.privateHost, user: role.username, password: role.password, connectTimeoutMs });
  const whoAmI = async (ip: string, port: number) =>
    (await queryOnce<{ who: string }>(sandbox(), target(ip, port, 5000), 'SELECT current_user AS who'))[0]?.who;
  const assertDropped = async (ip: string, port: number) => {
    assert.equal(await probeTcp(ip, port, 1200), 'silent', `${ip}:${port} should accept and then stay silent`);
    await assert.rejects(queryOnce(sandbox(), target(ip, port, 1500), 'SELECT 1'), /timeout/i, `pg to ${ip}:${port} should time out`);
  };

  before(async () => {
    ec2 = ec2Client(sandbox().info);
    role = sandbox().postgres.seededRole('orders', 'main');
    groupId = await createEndpointSecurityGroup(sandbox(), 'fwd-endpoint-sg', [5432, 6432]);
    endpoint = await createAvailableEndpoint(sandbox(), { securityGroupIds: [groupId] });
    const view = sandbox().ec2.endpoints('us-east-1').find((e) => e.endpointId === endpoint.VpcEndpointId);
    assert.ok(view);
    const client = sandbox().client;
    sameSubnetIp = view.interfaces.find((i) => i.subnetId === client.subnetId)?.ip ?? '';
    otherSubnetIp = view.interfaces.find((i) => i.subnetId !== client.subnetId)?.ip ?? '';
    assert.ok(sameSubnetIp && otherSubnetIp, 'the endpoint has an interface in us-east-1a and in us-east-1b');
    naclId = sandbox().ec2.networkAclForSubnet('us-east-1', client.subnetId)?.networkAclId ?? '';
    clientSubnetCidr = sandbox().ec2.subnet('us-east-1', client.subnetId)?.cidrBlock ?? '';
    await sandbox().forwarders.settled();
  });
  after(() => ec2?.destroy());

  it('listens on 5432 and 6432 of every interface IP once the endpoint is available', () => {
    const listening = sandbox().forwarders.listening();
    for (const ip of [sameSubnetIp, otherSubnetIp]) {
      assert.ok(listening.includes(`${ip}:5432`) && listening.includes(`${ip}:6432`), `${ip} in ${listening.join(', ')}`);
    }
  });

  it('passes TLS through to Postgres on 5432 and to PgBouncer on 6432, verified against the private host', async () => {
    for (const ip of [sameSubnetIp, otherSubnetIp]) {
      assert.equal(await whoAmI(ip, 5432), role.username);
      assert.equal(await whoAmI(ip, 6432), role.username);
    }
    // The 6432 logins went through PgBouncer: it logged them (with TLS from the client).
    const log = await sandbox().postgres.pgBouncerLog();
    assert.match(log, new RegExp(`login attempt: db=postgres user=${role.username.replace('.', '\\.')} tls=TLS`));
  });

  it('drops 6432 while the endpoint security group lacks it, and forwards again once it is authorized', async () => {
    const rule = { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: sandbox().client.securityGroupIds[0] }] };
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rule] }));
    try {
      await assertDropped(otherSubnetIp, 6432);
      assert.equal(await whoAmI(otherSubnetIp, 5432), role.username, '5432 is still allowed');
      const last = sandbox().forwarders.decisions().filter((d) => d.port === 6432).at(-1);
      assert.equal(last?.allowed, false);
      assert.match(String(last?.reason), /security group/);
    } finally {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rule] }));
    }
    assert.equal(await whoAmI(otherSubnetIp, 6432), role.username);
  });

  it('accepts a CIDR source only when it contains the client IP', async () => {
    // The client's subnet contains the client IP; the us-east-1b subnet does not.
    const cidrGroup = await createEndpointSecurityGroup(sandbox(), 'fwd-cidr-sg', [5432], clientSubnetCidr);
    const wrongGroup = await createEndpointSecurityGroup(sandbox(), 'fwd-wrong-cidr-sg', [5432], subnetCidr('app-vpc-us-east-1b'));
    // A second endpoint for the same service without private DNS (no conflict with the first).
    const withCidr = await createAvailableEndpoint(sandbox(), { securityGroupIds: [cidrGroup], privateDns: false, subnetNames: ['app-vpc-us-east-1b'] });
    const withWrong = await createAvailableEndpoint(sandbox(), { securityGroupIds: [wrongGroup], privateDns: false, subnetNames: ['app-vpc-us-east-1b'] });
    const ipOf = (e: VpcEndpoint) => sandbox().ec2.endpoints('us-east-1').find((v) => v.endpointId === e.VpcEndpointId)?.interfaces[0]?.ip ?? '';
    await sandbox().forwarders.settled();
    try {
      assert.equal(await whoAmI(ipOf(withCidr), 5432), role.username);
      await assertDropped(ipOf(withWrong), 5432);
      await assertDropped(ipOf(withCidr), 6432);
    } finally {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [withCidr.VpcEndpointId ?? '', withWrong.VpcEndpointId ?? ''] }));
    }
  });

  it('drops a port the network ACL denies inbound, but not inside the client subnet (no ACL there)', async () => {
    await ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId: naclId, RuleNumber: 50, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', PortRange: { From: 6432, To: 6432 },
    }));
    try {
      await assertDropped(otherSubnetIp, 6432);
      assert.match(String(sandbox().forwarders.decisions().at(-1)?.reason), /network ACL .* denies tcp\/6432 inbound .*rule 50/);
      assert.equal(await whoAmI(sameSubnetIp, 6432), role.username);
      assert.equal(await whoAmI(otherSubnetIp, 5432), role.username);
    } finally {
      await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: naclId, RuleNumber: 50, Egress: false }));
    }
    assert.equal(await whoAmI(otherSubnetIp, 6432), role.username);
  });

  it('drops replies when the network ACL denies the ephemeral ports back to the client', async () => {
    await ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId: naclId, RuleNumber: 60, Egress: true, Protocol: '6', RuleAction: 'deny', CidrBlock: clientSubnetCidr, PortRange: { From: 1024, To: 65535 },
    }));
    try {
      await assertDropped(otherSubnetIp, 5432);
      assert.match(String(sandbox().forwarders.decisions().at(-1)?.reason), new RegExp(`outbound to ${sandbox().client.ip.replace(/\./g, '\\.')}`));
    } finally {
      await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: naclId, RuleNumber: 60, Egress: true }));
    }
    assert.equal(await whoAmI(otherSubnetIp, 5432), role.username);
  });

  it('drops everything towards an endpoint in another VPC: there is no route from the application instance', async () => {
    const legacyVpc = sandbox().ec2.vpcIdByName('us-east-1', 'legacy-vpc');
    const legacySubnet = sandbox().ec2.subnetIdByName('us-east-1', 'legacy-vpc-us-east-1a');
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface', VpcId: legacyVpc, SubnetIds: [legacySubnet ?? ''], PrivateDnsEnabled: false,
      ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
    }));
    const id = created.VpcEndpoint?.VpcEndpointId ?? '';
    try {
      await waitForEndpointState(ec2, id, 'available');
      await sandbox().forwarders.settled();
      const ip = sandbox().ec2.endpoints('us-east-1').find((e) => e.endpointId === id)?.interfaces[0]?.ip ?? '';
      assert.equal(await probeTcp(ip, 5432, 1200), 'silent');
      assert.match(String(sandbox().forwarders.decisions().at(-1)?.reason), /no route/);
    } finally {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    }
  });

  it('can make nothing listen on an interface (connection refused) and listen again', async () => {
    await sandbox().forwarders.suspend(otherSubnetIp);
    try {
      assert.equal(await probeTcp(otherSubnetIp, 5432), 'refused');
      assert.equal(await probeTcp(sameSubnetIp, 5432), 'answered');
    } finally {
      await sandbox().forwarders.resume(otherSubnetIp);
    }
    assert.equal(await probeTcp(otherSubnetIp, 5432), 'answered');
  });

  it('reports a clear error when an interface port is already taken', async () => {
    await sandbox().forwarders.suspend(otherSubnetIp);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen({ host: otherSubnetIp, port: 6432 }, resolve));
    try {
      await sandbox().forwarders.resume(otherSubnetIp);
      const error = sandbox().forwarders.errors().at(-1);
      assert.match(String(error), new RegExp(`cannot listen on ${otherSubnetIp.replace(/\./g, '\\.')}:6432: the port is already in use`));
      assert.deepEqual(sandbox().forwarders.failing().map((f) => f.address), [`${otherSubnetIp}:6432`]);
      assert.ok(sandbox().forwarders.listening().includes(`${otherSubnetIp}:5432`));
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
    await sandbox().forwarders.suspend(otherSubnetIp);
    await sandbox().forwarders.resume(otherSubnetIp);
    assert.deepEqual(sandbox().forwarders.failing(), []);
    assert.equal(await whoAmI(otherSubnetIp, 6432), role.username);
  });

  it('stops listening when the endpoint is deleted, without restarting anything else', async () => {
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId ?? ''] }));
    await eventually(() => (sandbox().forwarders.listening().some((l) => l.startsWith(`${otherSubnetIp}:`)) ? undefined : true), 'listeners to close', 5000);
    assert.equal(await probeTcp(otherSubnetIp, 5432), 'refused');
    // Postgres itself is untouched.
    assert.deepEqual(await sandbox().postgres.query('SELECT 1 AS one'), [{ one: 1 }]);
  });
});
