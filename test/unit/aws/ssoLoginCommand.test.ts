import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ssoLoginCommand } from '../../../src/aws/ssoLoginCommand';
import type { AwsProfile } from '../../../src/aws/types';

const listing = (...names: string[]) => ({
  profiles: names.map((name): AwsProfile => ({ name, kind: 'sso', sourceFiles: ['/home/u/.aws/config'] })),
  configFile: '/home/u/.aws/config',
  credentialsFile: '/home/u/.aws/credentials',
});

describe('aws sso login command', () => {
  it('refuses a profile the SDK did not list, naming the files and the fix', () => {
    for (const hostile of ['dev; calc', 'dev`id`', '$(id)', 'dev & calc', 'dev | iex', "dev'; Remove-Item -Recurse ~; '"]) {
      const result = ssoLoginCommand(listing('dev', 'prod'), hostile);
      assert.equal(result.ok, false, hostile);
      if (!result.ok) {
        assert.match(result.problem, /is not a profile of \/home\/u\/\.aws\/config or \/home\/u\/\.aws\/credentials/);
        assert.match(result.problem, /Choose AWS Profile|planetscalePrivateLink\.aws\.profile/);
      }
    }
  });

  it('gives an argument vector with the profile as one argument, not a shell line', () => {
    assert.deepEqual(ssoLoginCommand(listing('dev team'), 'dev team'), { ok: true, executable: 'aws', args: ['sso', 'login', '--profile', 'dev team'], profile: 'dev team' });
    assert.deepEqual(ssoLoginCommand(listing(), undefined), { ok: true, executable: 'aws', args: ['sso', 'login'] });
  });

  it('a listed profile with shell characters reaches the process unchanged, and runs nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sso-'));
    try {
      const name = `x$(touch ${path.join(dir, 'PWNED')});\`touch ${path.join(dir, 'PWNED')}\``;
      const result = ssoLoginCommand(listing(name), name);
      assert.ok(result.ok);
      // Spawned as the terminal spawns it: the executable and its argv, no shell in between.
      const fakeAws = path.join(dir, 'aws');
      fs.writeFileSync(fakeAws, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
      const argv = execFileSync(fakeAws, result.args, { encoding: 'utf8' }).split('\n').slice(0, -1);
      assert.deepEqual(argv, ['sso', 'login', '--profile', name]);
      assert.ok(!fs.existsSync(path.join(dir, 'PWNED')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
