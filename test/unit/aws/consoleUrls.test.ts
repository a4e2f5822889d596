import assert from 'node:assert/strict';
import { consoleUrl, endpointConsoleUrl, securityGroupConsoleUrl, subnetConsoleUrl, vpcConsoleUrl } from '../../../src/aws/consoleUrls';

describe('aws/consoleUrls', () => {
  it('links VPC console pages in the region', () => {
    assert.equal(vpcConsoleUrl('us-east-1', 'vpc-0a1b2c3d4e5f60718'), 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#VpcDetails:VpcId=vpc-0a1b2c3d4e5f60718');
    assert.equal(
      endpointConsoleUrl('eu-west-1', 'vpce-0123456789abcdef0'),
      'https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1#EndpointDetails:vpcEndpointId=vpce-0123456789abcdef0',
    );
    assert.equal(securityGroupConsoleUrl('us-east-1', 'sg-0123456789abcdef0'), 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#SecurityGroup:groupId=sg-0123456789abcdef0');
    assert.equal(subnetConsoleUrl('us-east-1', 'subnet-0123abcd'), 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#SubnetDetails:subnetId=subnet-0123abcd');
    assert.equal(
      consoleUrl('us-east-1', { kind: 'networkInterface', id: 'eni-0123456789abcdef0' }),
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#NetworkInterface:networkInterfaceId=eni-0123456789abcdef0',
    );
    assert.equal(
      consoleUrl('us-east-1', { kind: 'networkAcl', id: 'acl-0123456789abcdef0' }),
      'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#NetworkAclDetails:networkAclId=acl-0123456789abcdef0',
    );
  });

  it('uses the console of the China and GovCloud partitions', () => {
    assert.equal(vpcConsoleUrl('cn-north-1', 'vpc-0123abcd'), 'https://console.amazonaws.cn/vpcconsole/home?region=cn-north-1#VpcDetails:VpcId=vpc-0123abcd');
    assert.equal(vpcConsoleUrl('us-gov-west-1', 'vpc-0123abcd'), 'https://console.amazonaws-us-gov.com/vpcconsole/home?region=us-gov-west-1#VpcDetails:VpcId=vpc-0123abcd');
  });

  it('refuses a bad region or an id of the wrong kind, naming the field', () => {
    assert.throws(() => vpcConsoleUrl('US East', 'vpc-0123abcd'), /Invalid AWS region "US East"/);
    assert.throws(() => vpcConsoleUrl('us-east-1', 'sg-0123abcd'), /Invalid vpc id "sg-0123abcd".*vpc-/);
    assert.throws(() => endpointConsoleUrl('us-east-1', 'vpce-0123abcd#x'), /Invalid endpoint id/);
  });
});
