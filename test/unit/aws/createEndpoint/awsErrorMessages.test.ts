// Plain-language messages for the EC2 errors of the create/delete flow, built from the SDK's own
// exception class as the client throws it for a Query-protocol error.
import assert from 'node:assert/strict';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { explainEc2Error, type Ec2Operation } from '../../../../src/aws/createEndpoint/awsErrorMessages';

function ec2Error(code: string, message: string, status = 400): EC2ServiceException {
  const err = new EC2ServiceException({ name: code, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
  return Object.assign(err, { Code: code });
}

const context = (operation: Ec2Operation) => ({ operation, region: 'us-east-1', profile: 'dev', vpcId: 'vpc-0a0a0a0a0a0a0a0a0', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001', securityGroupId: 'sg-0a0a0a0a0a0a0a0a1' });

describe('createEndpoint/awsErrorMessages', () => {
  const cases: Array<{ code: string; awsMessage: string; operation: Ec2Operation; field?: string; message: RegExp; fix: RegExp }> = [
    { code: 'InvalidServiceName', awsMessage: "The Vpc Endpoint Service 'x' does not exist", operation: 'CreateVpcEndpoint', field: 'serviceName', message: /does not exist in us-east-1/, fix: /Private Service Name/ },
    { code: 'InvalidVpcID.NotFound', awsMessage: "The vpc ID 'vpc-1' does not exist", operation: 'CreateSecurityGroup', field: 'vpcId', message: /VPC vpc-0a0a0a0a0a0a0a0a0 was not found/, fix: /Refresh/ },
    { code: 'InvalidSubnetID.NotFound', awsMessage: "The subnet ID 'subnet-1' does not exist", operation: 'CreateVpcEndpoint', field: 'subnetIds', message: /subnet-1/, fix: /choose the subnets again/ },
    { code: 'InvalidGroup.NotFound', awsMessage: "The security group 'sg-9' does not exist", operation: 'AuthorizeSecurityGroupIngress', field: 'securityGroup.sourceGroupIds', message: /sg-9/, fix: /security groups of the endpoint's VPC/ },
    { code: 'InvalidParameter', awsMessage: 'Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for vpc-1', operation: 'CreateVpcEndpoint', field: 'privateDns', message: /needs both enableDnsSupport and enableDnsHostnames/, fix: /turn private DNS off/ },
    { code: 'InvalidParameter', awsMessage: 'The VPC endpoint service x does not support the availability zone of the subnet: subnet-3.', operation: 'CreateVpcEndpoint', field: 'subnetIds', message: /Availability Zone the endpoint service does not offer/, fix: /zones the service lists/ },
    { code: 'InvalidParameter', awsMessage: 'private-dns-enabled cannot be set because there is already a conflicting DNS domain for private-pg.psdb.cloud in the VPC vpc-1', operation: 'CreateVpcEndpoint', field: 'privateDns', message: /already has an endpoint with private DNS/, fix: /Use the existing endpoint/ },
    { code: 'DuplicateSubnetsInSameZone', awsMessage: 'Found another VPC endpoint subnet in the availability zone', operation: 'CreateVpcEndpoint', field: 'subnetIds', message: /same Availability Zone/, fix: /one subnet per Availability Zone/ },
    { code: 'InvalidGroup.Duplicate', awsMessage: "The security group 'x' already exists for VPC 'vpc-1'", operation: 'CreateSecurityGroup', field: 'securityGroup.groupName', message: /already has a security group with this name/, fix: /another name/ },
    { code: 'InvalidPermission.Duplicate', awsMessage: 'the specified rule already exists', operation: 'AuthorizeSecurityGroupIngress', message: /already has these inbound rules/, fix: /Nothing to do/ },
    { code: 'DependencyViolation', awsMessage: 'resource sg-1 has a dependent object', operation: 'DeleteSecurityGroup', message: /still attached to network interfaces/, fix: /aws ec2 delete-security-group --region us-east-1 --group-id sg-0a0a0a0a0a0a0a0a1/ },
    { code: 'VpcEndpointLimitExceeded', awsMessage: 'limit', operation: 'CreateVpcEndpoint', message: /limit of VPC endpoints/, fix: /Service Quotas/ },
    { code: 'IdempotentParameterMismatch', awsMessage: 'token reused', operation: 'CreateVpcEndpoint', message: /same idempotency token/, fix: /Change the Name tag/ },
  ];
  for (const c of cases) {
    it(`${c.code}: ${c.awsMessage.slice(0, 50)}`, () => {
      const friendly = explainEc2Error(ec2Error(c.code, c.awsMessage), context(c.operation));
      assert.equal(friendly.code, c.code);
      assert.equal(friendly.field, c.field);
      assert.match(friendly.message, c.message);
      assert.match(friendly.fix, c.fix);
    });
  }

  it('UnauthorizedOperation names the IAM action and never shows the encoded message', () => {
    const encoded = 'Encoded authorization failure message: ' + 'A'.repeat(300);
    const friendly = explainEc2Error(ec2Error('UnauthorizedOperation', `You are not authorized to perform this operation. ${encoded}`, 403), context('CreateVpcEndpoint'));
    assert.equal(friendly.iamAction, 'ec2:CreateVpcEndpoint');
    assert.match(friendly.message, /profile "dev".*not allowed to create VPC endpoints \(ec2:CreateVpcEndpoint\)/);
    assert.match(friendly.fix, /allow ec2:CreateVpcEndpoint/);
    assert.doesNotMatch(JSON.stringify(friendly), /AAAAAAAAAA|Encoded/);
  });

  it('redacts key ids and long tokens that an AWS message may echo', () => {
    const friendly = explainEc2Error(ec2Error('InvalidSubnetID.NotFound', 'subnet-1 not found for AKIAABCDEFGHIJKLMNOP with token ' + 'x'.repeat(60)), context('CreateVpcEndpoint'));
    assert.doesNotMatch(friendly.message, /AKIAABCDEFGHIJKLMNOP|xxxxxxxxxx/);
  });

  it('throttling and expired credentials use the generic wording, marked for the UI', () => {
    const throttled = explainEc2Error(ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503), context('DescribeVpcEndpoints'));
    assert.match(throttled.message, /throttling/);
    assert.match(throttled.fix, /Try again in a moment/);
    const expired = explainEc2Error(ec2Error('ExpiredToken', 'The security token included in the request is expired'), context('CreateVpcEndpoint'));
    assert.equal(expired.credentials, true);
    assert.match(expired.message, /profile "dev".*expired/);
  });

  it('an expired SSO session offers the sign-in command', () => {
    const err = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' });
    const friendly = explainEc2Error(err, context('CreateVpcEndpoint'));
    assert.equal(friendly.credentials, true);
    assert.equal(friendly.command, 'aws sso login --profile dev');
    assert.match(friendly.fix, /Run aws sso login --profile dev/);
  });
});
