import assert from 'node:assert/strict';
import { cliCommandFor, fixFor, shellQuote } from '../../../src/diagnose/fixCommands';

const cli = { region: 'us-east-1' };

describe('fix CLI commands', () => {
  it('authorize-security-group-ingress with a group source, as the seed writes it', () => {
    const command = cliCommandFor(cli, {
      action: 'authorizeSecurityGroupIngress',
      groupId: 'sg-0aaa',
      permissions: [{ fromPort: 6432, toPort: 6432, sourceGroupId: 'sg-0bbb' }],
    });
    assert.equal(
      command,
      `aws ec2 authorize-security-group-ingress --region us-east-1 --group-id sg-0aaa --ip-permissions '[{"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"UserIdGroupPairs":[{"GroupId":"sg-0bbb"}]}]'`,
    );
  });

  it('CIDR sources use IpRanges', () => {
    const command = cliCommandFor(cli, { action: 'authorizeSecurityGroupIngress', groupId: 'sg-1', permissions: [{ fromPort: 5432, toPort: 5432, cidr: '10.0.0.0/16' }] });
    assert.match(command, /"IpRanges":\[\{"CidrIp":"10\.0\.0\.0\/16"\}\]/);
  });

  it('modify-vpc-attribute takes one attribute with a JSON value', () => {
    assert.equal(
      cliCommandFor(cli, { action: 'modifyVpcAttribute', vpcId: 'vpc-1', attribute: 'enableDnsHostnames', value: true }),
      `aws ec2 modify-vpc-attribute --region us-east-1 --vpc-id vpc-1 --enable-dns-hostnames '{"Value":true}'`,
    );
  });

  it('create-network-acl-entry names direction, rule number, ports and CIDR', () => {
    assert.equal(
      cliCommandFor({ ...cli, profile: 'dev team', endpointUrl: 'http://127.0.0.1:4566' }, {
        action: 'createNetworkAclEntry',
        networkAclId: 'acl-1',
        ruleNumber: 89,
        egress: true,
        portRange: { from: 1024, to: 65535 },
        cidrBlock: '127.10.1.0/24',
      }),
      `aws ec2 create-network-acl-entry --region us-east-1 --profile 'dev team' --endpoint-url http://127.0.0.1:4566 --network-acl-id acl-1 --egress --rule-number 89 --protocol tcp --port-range From=1024,To=65535 --cidr-block 127.10.1.0/24 --rule-action allow`,
    );
  });

  it('a fix carries one command line per operation and the operations to apply', () => {
    const fix = fixFor(cli, 'Turn on DNS.', [
      { action: 'modifyVpcAttribute', vpcId: 'vpc-1', attribute: 'enableDnsSupport', value: true },
      { action: 'enableEndpointPrivateDns', endpointId: 'vpce-1' },
    ]);
    assert.equal(fix.cliCommand.split('\n').length, 2);
    assert.match(fix.cliCommand.split('\n')[1], /^aws ec2 modify-vpc-endpoint --region us-east-1 --vpc-endpoint-id vpce-1 --private-dns-enabled$/);
    assert.equal(fix.apply?.region, 'us-east-1');
    assert.equal(fix.apply?.operations.length, 2);
  });

  it('shell-quotes single quotes', () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
