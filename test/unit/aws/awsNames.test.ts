import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AWS_REGION_PATTERN, isAwsRegion, parseServiceName, regionOfServiceName } from '../../../src/aws/awsNames';

/** Every JSON-schema `pattern` in package.json's contributes whose property or setting names a region. */
function regionPatternsOfManifest(): Array<{ where: string; pattern: string }> {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const found: Array<{ where: string; pattern: string }> = [];
  const walk = (node: unknown, where: string, regionish: boolean) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = `${where}.${key}`;
      if (key === 'pattern' && typeof value === 'string' && regionish) found.push({ where: here, pattern: value });
      else walk(value, here, regionish || /region/i.test(key));
    }
  };
  walk(manifest.contributes, 'contributes', false);
  return found;
}

describe('aws/awsNames', () => {
  it("is the region pattern of every region setting and tool parameter in package.json", () => {
    const patterns = regionPatternsOfManifest();
    // The regions setting and the three tools' region parameters.
    assert.ok(patterns.length >= 4, `found only ${patterns.map((p) => p.where).join(', ')}`);
    for (const { where, pattern } of patterns) assert.equal(pattern, AWS_REGION_PATTERN, where);
  });

  it('accepts region codes, two-digit ones and GovCloud included, and refuses anything else', () => {
    for (const region of ['us-east-1', 'ap-southeast-5', 'us-gov-west-1', 'eu-central-12']) assert.ok(isAwsRegion(region), region);
    for (const text of ['US-EAST-1', 'us-east', 'useast1', 'us-east-1a', ' us-east-1', '']) assert.ok(!isAwsRegion(text), text);
  });

  it('parses a Private Service Name into its region and service id', () => {
    assert.deepEqual(parseServiceName('com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0'), { region: 'eu-west-1', serviceId: 'vpce-svc-0123456789abcdef0' });
    assert.equal(regionOfServiceName('com.amazonaws.vpce.us-east-1.vpce-svc-0a1b'), 'us-east-1');
    assert.equal(parseServiceName('com.amazonaws.us-east-1.s3'), undefined);
    assert.equal(regionOfServiceName('com.amazonaws.vpce.us-east-1.vpce-svc-XYZ'), undefined);
  });
});
