// Every command line the extension shows or exports, run through real shells (bash and dash as
// sh) with hostile values — from the user or from AWS — in every slot: nothing may execute, and
// the AWS CLI must receive each value as exactly one unchanged argument.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEndpointCli, deleteEndpointCli, deleteSecurityGroupCli } from '../../../src/aws/createEndpoint/cliCommands';
import { cliCommandFor, ec2Cli, hostedZonesByVpcCli } from '../../../src/diagnose/fixCommands';
import { shellCommand, shellQuote, shellVariable, shellWord } from '../../../src/aws/shellQuote';
import type { EndpointRequest } from '../../../src/aws/createEndpoint/endpointRequest';
import { buildEndpointPlan } from '../../../src/aws/createEndpoint/endpointPlan';
import { exportCliScript } from '../../../src/aws/createEndpoint/planExports';
import { cleanupScript } from '../../../src/webviews/createEndpoint/planViews';

const HOSTILE = [
  '$(touch PWNED)',
  '`touch PWNED`',
  "'; touch PWNED; '",
  "'$(touch PWNED)'",
  '"; touch PWNED; "',
  'a\ntouch PWNED',
  'x && touch PWNED',
  'x | touch PWNED',
  '${IFS}touch${IFS}PWNED',
  '=touch',
  '~root',
  '*',
  '$HOME',
  'a b',
  '',
  '\\',
  "it's",
];

const SHELLS = ['bash', 'sh'];

let dir: string;
let argsFile: string;

/** Runs `command` in `shell` with a fake `aws` first on PATH; returns the argv each aws call got. */
function run(shell: string, command: string): string[][] {
  fs.writeFileSync(argsFile, '');
  execFileSync(shell, ['-c', command], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}`, ARGS_FILE: argsFile, HOME: dir } });
  assert.ok(!fs.existsSync(path.join(dir, 'PWNED')), `${shell} executed something from: ${command}`);
  return fs
    .readFileSync(argsFile, 'utf8')
    .split('\u0001\n')
    .filter(Boolean)
    .map((call) => call.split('\u0000').slice(0, -1));
}

function valueAfter(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i === -1 ? undefined : argv[i + 1];
}

describe('command quoting through real shells', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quoting-'));
    argsFile = path.join(dir, 'args');
    // Records each call's argv NUL-separated, one call per record; prints an id for $(…) captures.
    fs.writeFileSync(path.join(dir, 'aws'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\000' "$a" >> "$ARGS_FILE"; done\nprintf '\\001\\n' >> "$ARGS_FILE"\necho vpce-0fake\n`, { mode: 0o755 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => fs.rmSync(path.join(dir, 'PWNED'), { force: true }));

  it('shellQuote and shellCommand pass every hostile word through unchanged', () => {
    for (const shell of SHELLS) {
      for (const value of HOSTILE) {
        const [argv] = run(shell, shellCommand(['aws', value, '--x', value]));
        assert.deepEqual(argv, [value, '--x', value], `${shell}: ${JSON.stringify(value)}`);
      }
    }
  });

  it('a script variable is expanded, and its data prefix is not', () => {
    for (const shell of SHELLS) {
      for (const prefix of ['abc-', "a'b $(touch PWNED)-"]) {
        const [argv] = run(shell, `SG_ID=sg-1; aws ${shellWord(shellVariable('SG_ID', prefix))}`);
        assert.deepEqual(argv, [`${prefix}sg-1`]);
      }
    }
    assert.throws(() => shellVariable('$(x)'), /not a shell variable name/);
  });

  it('fix commands quote ids that came from AWS, profiles and endpoint URLs', () => {
    for (const shell of SHELLS) {
      for (const value of HOSTILE.filter(Boolean)) {
        const context = { region: 'us-east-1', profile: value, endpointUrl: value };
        const commands = [
          cliCommandFor(context, { action: 'authorizeSecurityGroupIngress', groupId: value, permissions: [{ fromPort: 5432, toPort: 5432, sourceGroupId: value, description: value }] }),
          cliCommandFor(context, { action: 'modifyVpcAttribute', vpcId: value, attribute: 'enableDnsSupport', value: true }),
          cliCommandFor(context, { action: 'enableEndpointPrivateDns', endpointId: value }),
          cliCommandFor(context, { action: 'createNetworkAclEntry', networkAclId: value, egress: false, ruleNumber: 90, portRange: { from: 5432, to: 5432 }, cidrBlock: value }),
          ec2Cli(context, 'describe-vpc-endpoints', ['--vpc-endpoint-ids', value]),
        ];
        for (const command of commands) {
          const [argv] = run(shell, command);
          assert.equal(valueAfter(argv, '--profile'), value, command);
          assert.equal(valueAfter(argv, '--endpoint-url'), value, command);
          const id = valueAfter(argv, '--group-id') ?? valueAfter(argv, '--vpc-id') ?? valueAfter(argv, '--vpc-endpoint-id') ?? valueAfter(argv, '--network-acl-id') ?? valueAfter(argv, '--vpc-endpoint-ids');
          assert.equal(id, value, command);
        }
        const ingress = run(shell, commands[0])[0];
        assert.equal(JSON.parse(valueAfter(ingress, '--ip-permissions')!)[0].UserIdGroupPairs[0].GroupId, value);
        const [zones] = run(shell, hostedZonesByVpcCli(context, value));
        assert.equal(valueAfter(zones, '--vpc-id'), value);
        assert.equal(valueAfter(zones, '--profile'), value);
      }
    }
  });

  it('cleanup and create commands quote endpoint and group ids, including ones AWS returned', () => {
    for (const shell of SHELLS) {
      for (const value of HOSTILE.filter(Boolean)) {
        assert.equal(valueAfter(run(shell, deleteEndpointCli(value, value))[0], '--vpc-endpoint-ids'), value);
        assert.equal(valueAfter(run(shell, deleteSecurityGroupCli(value, value))[0], '--group-id'), value);
        const request = {
          region: value,
          vpcId: value,
          serviceName: value,
          subnetIds: [value, value],
          securityGroup: { mode: 'existing', groupId: value },
          privateDns: true,
        } as unknown as EndpointRequest;
        const [argv] = run(shell, createEndpointCli(request, [{ Key: value, Value: value }], { privateDns: true, clientToken: `fp-${value}`, securityGroup: value }));
        assert.equal(valueAfter(argv, '--security-group-ids'), value);
        assert.equal(valueAfter(argv, '--client-token'), `fp-${value}`);
        assert.equal(valueAfter(argv, '--vpc-id'), value);
        assert.equal(valueAfter(argv, '--service-name'), value);
      }
    }
  });

  it('leaves plain ids and URLs bare, so the shown commands stay readable', () => {
    assert.equal(shellQuote('sg-0abc'), 'sg-0abc');
    assert.equal(shellQuote('http://127.0.0.1:4566'), 'http://127.0.0.1:4566');
    assert.equal(shellQuote('From=1,To=2'), 'From=1,To=2');
    assert.equal(shellQuote('=x'), `'=x'`);
    assert.equal(shellQuote(''), `''`);
  });
});

describe('comments in exported scripts', () => {
  it('a line break in a name from AWS, PlanetScale or the user never starts a command in the CLI script', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'script-'));
    try {
      const marker = path.join(dir, 'PWNED');
      const evil = `x\ntouch ${marker}\n`;
      const request = {
        region: 'us-east-1',
        serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001${evil}`,
        vpcId: `vpc-0a0a0a0a0a0a0a0a0${evil}`,
        subnetIds: ['subnet-0a0a0a0a0a0a0a0a1', 'subnet-0a0a0a0a0a0a0a0a2'],
        securityGroup: { mode: 'create', groupName: `sg${evil}`, description: `d${evil}`, source: { kind: 'cidrs', cidrs: ['127.0.0.0/8'] } },
        privateDns: true,
        nameTag: `n${evil}`,
        branch: `acme/orders/main${evil}`,
      } as EndpointRequest;
      const script = exportCliScript(buildEndpointPlan(request));
      // A fake CLI that answers every call, so the whole script runs, every comment included.
      fs.writeFileSync(path.join(dir, 'aws'), '#!/bin/sh\ncase "$*" in *describe-vpc-endpoints*) echo available ;; *) echo id-1 ;; esac\n', { mode: 0o755 });
      const out = execFileSync('bash', ['-c', script], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir }, encoding: 'utf8' });
      assert.match(out, /Endpoint id-1 is available\./);
      assert.ok(!fs.existsSync(marker), 'a name broke out of a comment');
      const cleanup = cleanupScript([{ kind: 'vpcEndpoint', id: `vpce-1${evil}`, region: 'us-east-1', reason: `r${evil}`, removeCommand: deleteEndpointCli('us-east-1', `vpce-1${evil}`) }]);
      execFileSync('bash', ['-c', cleanup], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir }, stdio: 'pipe' }).toString();
      assert.ok(!fs.existsSync(marker), 'the cleanup script ran a name');
    } catch (err) {
      if (fs.existsSync(path.join(dir, 'PWNED'))) throw new Error('a name broke out of a comment');
      throw err;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
