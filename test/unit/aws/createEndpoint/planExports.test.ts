import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../../../src/aws/createEndpoint/cliCommands';
import { buildEndpointPlan } from '../../../../src/aws/createEndpoint/endpointPlan';
import type { EndpointRequest } from '../../../../src/aws/createEndpoint/endpointRequest';
import { exportCliScript, exportTerraform, hcl } from '../../../../src/aws/createEndpoint/planExports';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const APP_SG = 'sg-0a0a0a0a0a0a0a0a1';

function request(overrides: Partial<EndpointRequest> = {}): EndpointRequest {
  return {
    region: 'us-east-1',
    serviceName: SERVICE,
    vpcId: 'vpc-0a0a0a0a0a0a0a0a0',
    subnetIds: ['subnet-0a0a0a0a0a0a0a0a1', 'subnet-0a0a0a0a0a0a0a0a2'],
    securityGroup: { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', description: 'Security group for PlanetScale PrivateLink endpoint', source: { kind: 'securityGroups', groupIds: [APP_SG] } },
    privateDns: true,
    nameTag: 'orders-main',
    branch: 'acme/orders/main',
    ...overrides,
  };
}

/** The aws commands of a script, with line continuations joined. */
function awsCommands(script: string): string[] {
  return script
    .replace(/ \\\n\s+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /(^|\$\()aws ec2 /.test(l) && !l.startsWith('#'));
}

/** The single-quoted argument after `flag` in a command line. */
function quotedArg(line: string, flag: string): string {
  const m = new RegExp(`${flag} '([^']*)'`).exec(line);
  assert.ok(m, `${flag} in ${line}`);
  return m[1];
}

/** What bash makes of a quoted word (proves the quoting round-trips). */
function bashWord(quoted: string): string {
  return execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
}

describe('createEndpoint/planExports', () => {
  describe('AWS CLI script', () => {
    const script = exportCliScript(buildEndpointPlan(request()));

    it('is a strict bash script that bash can parse', () => {
      assert.match(script, /^#!\/usr\/bin\/env bash\n/);
      assert.match(script, /\nset -euo pipefail\n/);
      execFileSync('bash', ['-n'], { input: script });
    });

    it('every aws command names the region', () => {
      const commands = awsCommands(script);
      assert.ok(commands.length >= 5, commands.join('\n'));
      for (const c of commands) assert.match(c, /--region us-east-1( |$)/, c);
    });

    it('creates the group capturing SG_ID with --query, tagged', () => {
      const create = awsCommands(script).find((c) => c.includes('create-security-group'))!;
      assert.match(create, /^SG_ID=\$\(aws ec2 create-security-group /);
      assert.match(create, /--group-name PScalePrivateLinkEndpointSG/);
      assert.match(create, /--description 'Security group for PlanetScale PrivateLink endpoint'/);
      assert.match(create, /--vpc-id vpc-0a0a0a0a0a0a0a0a0/);
      assert.match(create, /--query 'GroupId' --output text\)$/);
      const spec = JSON.parse(quotedArg(create, '--tag-specifications'));
      assert.equal(spec[0].ResourceType, 'security-group');
      assert.deepEqual(spec[0].Tags.find((t: { Key: string }) => t.Key === 'planetscale-privatelink:created-by'), { Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' });
    });

    it('allows 5432 and 6432 from the client group (UserIdGroupPairs)', () => {
      const authorize = awsCommands(script).find((c) => c.includes('authorize-security-group-ingress'))!;
      assert.match(authorize, /--group-id "\$SG_ID"/);
      const permissions = JSON.parse(quotedArg(authorize, '--ip-permissions'));
      assert.deepEqual(
        permissions.map((p: { IpProtocol: string; FromPort: number; ToPort: number; UserIdGroupPairs: { GroupId: string }[] }) => [p.IpProtocol, p.FromPort, p.ToPort, p.UserIdGroupPairs.map((g) => g.GroupId)]),
        [['tcp', 5432, 5432, [APP_SG]], ['tcp', 6432, 6432, [APP_SG]]],
      );
    });

    it('allows CIDRs (IpRanges) when chosen', () => {
      const cidr = exportCliScript(buildEndpointPlan(request({ securityGroup: { mode: 'create', groupName: 'g', description: 'd', source: { kind: 'cidrs', cidrs: ['10.0.0.0/16', '10.1.0.0/16'] } } })));
      const authorize = awsCommands(cidr).find((c) => c.includes('authorize-security-group-ingress'))!;
      const permissions = JSON.parse(quotedArg(authorize, '--ip-permissions'));
      assert.deepEqual(permissions[1].IpRanges.map((r: { CidrIp: string }) => r.CidrIp), ['10.0.0.0/16', '10.1.0.0/16']);
    });

    it('creates the endpoint with subnets, group, private DNS, tags, an idempotency token, and captures its id', () => {
      const plan = buildEndpointPlan(request());
      const create = awsCommands(exportCliScript(plan)).find((c) => c.includes('create-vpc-endpoint'))!;
      assert.match(create, /^ENDPOINT_ID=\$\(aws ec2 create-vpc-endpoint /);
      assert.match(create, /--vpc-endpoint-type Interface/);
      assert.match(create, new RegExp(`--service-name ${SERVICE.replace(/\./g, '\\.')}`));
      assert.match(create, /--subnet-ids subnet-0a0a0a0a0a0a0a0a1 subnet-0a0a0a0a0a0a0a0a2 /);
      assert.match(create, /--security-group-ids "\$SG_ID"/);
      assert.match(create, / --private-dns-enabled /);
      assert.ok(create.includes(`--client-token "${plan.fingerprint}-$SG_ID"`), create);
      assert.match(create, /--query 'VpcEndpoint\.VpcEndpointId' --output text\)$/);
      const spec = JSON.parse(quotedArg(create, '--tag-specifications'));
      assert.equal(spec[0].ResourceType, 'vpc-endpoint');
      assert.deepEqual(spec[0].Tags.find((t: { Key: string }) => t.Key === 'Name'), { Key: 'Name', Value: 'orders-main' });
    });

    it('waits for available and fails on any state that cannot get there', () => {
      assert.match(script, /describe-vpc-endpoints --region us-east-1 --vpc-endpoint-ids "\$ENDPOINT_ID" --query 'VpcEndpoints\[0\]\.State' --output text/);
      assert.match(script, /available\) break ;;/);
      assert.match(script, /pending\|pendingAcceptance\) .*sleep "\$\{POLL_SECONDS:-10\}"/);
      assert.match(script, /\*\) echo "Endpoint \$ENDPOINT_ID is \$STATE" >&2; exit 1 ;;/);
    });

    it('removes the group it made if the endpoint is never created (like the undo)', () => {
      assert.match(script, /trap 'cleanup' ERR/);
      assert.match(script, /if \[ -n "\$SG_ID" \] && \[ -z "\$ENDPOINT_ID" \]; then/);
      assert.match(script, /aws ec2 delete-security-group --region us-east-1 --group-id "\$SG_ID"/);
    });

    it('acceptance: no private DNS at create, modify after acceptance', () => {
      const accept = exportCliScript(buildEndpointPlan(request(), { acceptanceRequired: true }));
      const commands = awsCommands(accept);
      assert.match(commands.find((c) => c.includes('create-vpc-endpoint'))!, /--no-private-dns-enabled/);
      const modify = commands.find((c) => c.includes('modify-vpc-endpoint'))!;
      assert.match(modify, /--vpc-endpoint-id "\$ENDPOINT_ID" --private-dns-enabled/);
      assert.ok(accept.indexOf('pending|available) break') < accept.indexOf('modify-vpc-endpoint'), 'waits for acceptance before the modify');
      execFileSync('bash', ['-n'], { input: accept });
    });

    it('existing group: no group steps, no cleanup trap, the id is used directly', () => {
      const existing = exportCliScript(buildEndpointPlan(request({ securityGroup: { mode: 'existing', groupId: 'sg-0b0b0b0b0b0b0b0b0' } })));
      assert.doesNotMatch(existing, /create-security-group|authorize-security-group-ingress|trap/);
      assert.match(existing, /--security-group-ids sg-0b0b0b0b0b0b0b0b0/);
      execFileSync('bash', ['-n'], { input: existing });
    });

    it("quotes user text safely: a Name tag with quotes, spaces and $ reaches AWS unchanged", () => {
      const tricky = `it's "orders" $HOME \`x\``;
      const create = awsCommands(exportCliScript(buildEndpointPlan(request({ nameTag: tricky })))).find((c) => c.includes('create-vpc-endpoint'))!;
      const m = /--tag-specifications ('(?:[^']|'\\'')*')/.exec(create);
      assert.ok(m);
      const spec = JSON.parse(bashWord(m[1]));
      assert.equal(spec[0].Tags[0].Value, tricky);
      for (const word of ['plain', 'with space', "it's", '$(rm -rf /)', '']) assert.equal(bashWord(shellQuote(word)), word);
    });
  });

  describe('Terraform', () => {
    const tf = exportTerraform(buildEndpointPlan(request()));

    it('has balanced braces and the provider for the region', () => {
      assert.equal((tf.match(/\{/g) ?? []).length, (tf.match(/\}/g) ?? []).length);
      assert.match(tf, /provider "aws" \{\n  region = "us-east-1"\n\}/);
      assert.match(tf, /source {2}= "hashicorp\/aws"/);
    });

    it('declares the security group, one ingress rule per port and source, and the endpoint', () => {
      assert.match(tf, /resource "aws_security_group" "planetscale_endpoint" \{/);
      assert.match(tf, /name {8}= "PScalePrivateLinkEndpointSG"/);
      assert.match(tf, /vpc_id {6}= "vpc-0a0a0a0a0a0a0a0a0"/);
      const rules = tf.match(/resource "aws_vpc_security_group_ingress_rule" "[a-z0-9_]+"/g) ?? [];
      assert.equal(rules.length, 2);
      assert.equal((tf.match(/referenced_security_group_id = "sg-0a0a0a0a0a0a0a0a1"/g) ?? []).length, 2);
      assert.match(tf, /from_port {20}= 5432\n {2}to_port {22}= 5432/);
      assert.match(tf, /from_port {20}= 6432\n {2}to_port {22}= 6432/);
      assert.match(tf, /resource "aws_vpc_endpoint" "planetscale" \{/);
      assert.match(tf, /vpc_endpoint_type {3}= "Interface"/);
      assert.match(tf, /subnet_ids {10}= \["subnet-0a0a0a0a0a0a0a0a1", "subnet-0a0a0a0a0a0a0a0a2"\]/);
      assert.match(tf, /security_group_ids {2}= \[aws_security_group\.planetscale_endpoint\.id\]/);
      assert.match(tf, /private_dns_enabled = true/);
      assert.match(tf, /"planetscale-privatelink:branch" = "acme\/orders\/main"/);
      assert.doesNotMatch(tf, /created-by|planetscale-privatelink:request/, 'Terraform-managed resources are not the extension\'s to delete');
    });

    it('CIDR sources become cidr_ipv4 rules (ports × CIDRs)', () => {
      const cidr = exportTerraform(buildEndpointPlan(request({ securityGroup: { mode: 'create', groupName: 'g', description: 'd', source: { kind: 'cidrs', cidrs: ['10.0.0.0/16', '10.1.0.0/16'] } } })));
      assert.equal((cidr.match(/resource "aws_vpc_security_group_ingress_rule"/g) ?? []).length, 4);
      assert.equal((cidr.match(/cidr_ipv4 {20}= "10\.1\.0\.0\/16"/g) ?? []).length, 2);
      const labels = cidr.match(/aws_vpc_security_group_ingress_rule" "([a-z0-9_]+)"/g) ?? [];
      assert.equal(new Set(labels).size, 4, 'labels are unique');
    });

    it('an existing group is referenced by id and not declared', () => {
      const existing = exportTerraform(buildEndpointPlan(request({ securityGroup: { mode: 'existing', groupId: 'sg-0b0b0b0b0b0b0b0b0' } })));
      assert.doesNotMatch(existing, /aws_security_group"|ingress_rule/);
      assert.match(existing, /security_group_ids {2}= \["sg-0b0b0b0b0b0b0b0b0"\]/);
    });

    it('acceptance: private DNS through aws_vpc_endpoint_private_dns instead of on the endpoint', () => {
      const accept = exportTerraform(buildEndpointPlan(request(), { acceptanceRequired: true }));
      assert.match(accept, /resource "aws_vpc_endpoint_private_dns" "planetscale" \{\n {2}vpc_endpoint_id {5}= aws_vpc_endpoint\.planetscale\.id\n {2}private_dns_enabled = true/);
      const endpointBlock = accept.slice(accept.indexOf('resource "aws_vpc_endpoint" "planetscale"'), accept.indexOf('resource "aws_vpc_endpoint_private_dns"'));
      assert.doesNotMatch(endpointBlock, /private_dns_enabled/);
    });

    it('escapes strings so user text cannot start an interpolation', () => {
      assert.equal(hcl('a "b" ${c} %{d} \\e'), '"a \\"b\\" $${c} %%{d} \\\\e"');
      const tf2 = exportTerraform(buildEndpointPlan(request({ nameTag: 'x ${var.secret}' })));
      assert.match(tf2, /Name += "x \$\$\{var\.secret\}"/);
    });
  });
});
