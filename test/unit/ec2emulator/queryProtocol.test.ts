// The Query-protocol parsing and envelopes of the EC2 emulator.
import assert from 'node:assert/strict';
import { ec2ErrorXml, ec2ResponseXml, parseSigV4Authorization, QueryParams } from '../../../sandbox/ec2/queryProtocol';

describe('ec2emulator/queryProtocol', () => {
  it('reads numbered lists in numeric order, nested structures and filters', () => {
    const p = QueryParams.fromBody(
      'Action=X&SubnetId.2=b&SubnetId.10=c&SubnetId.1=a&Filter.1.Name=vpc-id&Filter.1.Value.1=v1&Filter.1.Value.2=v2&Filter.2.Name=tag%3AName&Filter.2.Value.1=app' +
        '&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.Groups.1.GroupId=sg-1&IpPermissions.1.IpRanges.1.CidrIp=127.0.0.0%2F8&PortRange.From=5432',
    );
    assert.deepEqual(p.list('SubnetId'), ['a', 'b', 'c']);
    assert.deepEqual(p.filters(), [
      { name: 'vpc-id', values: ['v1', 'v2'] },
      { name: 'tag:Name', values: ['app'] },
    ]);
    const perm = p.structs('IpPermissions')[0];
    assert.equal(perm.get('IpProtocol'), 'tcp');
    assert.equal(perm.structs('Groups')[0].get('GroupId'), 'sg-1');
    assert.equal(perm.structs('IpRanges')[0].get('CidrIp'), '127.0.0.0/8');
    assert.equal(p.int('PortRange.From'), 5432);
    assert.equal(p.hasAny('PortRange'), true);
    assert.equal(p.hasAny('Port'), false);
  });

  it('rejects malformed booleans and integers with InvalidParameterValue, missing values with MissingParameter', () => {
    const p = QueryParams.fromBody('DryRun=maybe&MaxResults=five&VpcId=');
    assert.throws(() => p.bool('DryRun'), { code: 'InvalidParameterValue' });
    assert.throws(() => p.int('MaxResults'), { code: 'InvalidParameterValue' });
    assert.throws(() => p.required('VpcId'), { code: 'MissingParameter', message: /VpcId/ });
    assert.equal(QueryParams.fromBody('DryRun=TRUE').bool('DryRun'), true);
  });

  it('tag specifications must name the right resource type', () => {
    const ok = QueryParams.fromBody('TagSpecification.1.ResourceType=vpc-endpoint&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=x');
    assert.deepEqual([...ok.tagSpecifications('vpc-endpoint')], [['Name', 'x']]);
    assert.throws(() => ok.tagSpecifications('security-group'), { code: 'InvalidParameterValue' });
  });

  it('reads region and service from the SigV4 credential scope; anything else is no scope', () => {
    const scope = parseSigV4Authorization('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123');
    assert.deepEqual(scope, { accessKeyId: 'AKIDEXAMPLE', date: '20250101', region: 'eu-west-1', service: 'ec2' });
    assert.equal(parseSigV4Authorization(undefined), undefined);
    assert.equal(parseSigV4Authorization('Basic dXNlcjpwYXNz'), undefined);
    assert.equal(parseSigV4Authorization('AWS4-HMAC-SHA256 Credential=AK/2025/eu-west-1/ec2/aws4_request, Signature=abc'), undefined);
  });

  it('writes the response and error envelopes, escaping text', () => {
    assert.equal(
      ec2ResponseXml('DescribeVpcs', 'rid', { vpcSet: [{ vpcId: 'vpc-1', tagSet: [] }], nextToken: undefined }),
      '<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>rid</requestId><vpcSet><item><vpcId>vpc-1</vpcId><tagSet/></item></vpcSet></DescribeVpcsResponse>',
    );
    assert.equal(
      ec2ErrorXml('InvalidParameterValue', 'a < b & "c"', 'rid'),
      '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidParameterValue</Code><Message>a &lt; b &amp; &quot;c&quot;</Message></Error></Errors><RequestID>rid</RequestID></Response>',
    );
  });
});
