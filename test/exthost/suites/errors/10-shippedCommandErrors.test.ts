// Errors thrown in the lazily loaded bundles (dist/features.js, dist/core.js) reach the user with
// their own message and buttons. Each bundle has its own copy of the error classes, so a check by
// `instanceof` in dist/extension.js used to fail and turn them into "The AWS request failed
// (UserFacingError): …" with only Show Log. These tests run the contributed commands themselves.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { runUntilFailure } from '../../support/shownErrors';

const SECTION = 'planetscalePrivateLink';

describe('errors from the lazily loaded bundles keep their message and buttons', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let envFile: string;
  const branch = () => ({ payload: { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true } });

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    envFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
  });

  async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const before = config.inspect(key)?.globalValue;
    await config.update(key, value, vscode.ConfigurationTarget.Global);
    try {
      return await body();
    } finally {
      await vscode.workspace.getConfiguration(SECTION).update(key, before, vscode.ConfigurationTarget.Global);
    }
  }

  it('Write Connection String: a DNS failure (UserFacingError from dist/features.js) shows its message with Diagnose', async () => {
    // No endpoint with private DNS exists yet in this sandbox, so the private host does not resolve.
    const shown = await runUntilFailure(api, `${SECTION}.writeConnectionString`, branch(), { acceptQuickPicks: true });
    assert.doesNotMatch(shown.message, /The AWS request failed|UserFacingError/, shown.message);
    assert.match(shown.message, /DNS/, shown.message);
    assert.match(shown.message, /Nothing was written to .*\.env\.$/, shown.message);
    assert.deepEqual(shown.buttons, ['Diagnose', 'Show Log']);
    assert.equal(fs.existsSync(envFile), false, 'no .env was created');
  });

  it('Write Connection String: an invalid DNS server setting (VerifyInputError from dist/core.js) names the setting and offers Open Settings', async () => {
    const shown = await withSetting('dns.server', 'not-a-dns-server', () =>
      runUntilFailure(api, `${SECTION}.writeConnectionString`, branch(), { acceptQuickPicks: true }),
    );
    assert.doesNotMatch(shown.message, /The AWS request failed|VerifyInputError/, shown.message);
    assert.match(shown.message, /DNS server "not-a-dns-server" is not an IP address/, shown.message);
    assert.match(shown.message, /dns\.server/, shown.message);
    assert.deepEqual(shown.buttons, ['Open Settings', 'Show Log']);
    assert.equal(fs.existsSync(envFile), false, 'no .env was created');
  });

  it('Choose Regions: an endpoint URL that is not http(s) (AwsSettingsError from dist/core.js) says so and offers Open Settings', async () => {
    const shown = await withSetting('aws.endpointUrl', 'ftp://127.0.0.1:9', () => runUntilFailure(api, `${SECTION}.selectRegions`));
    assert.match(shown.message, /AWS endpoint URL setting: it must start with http:\/\/ or https:\/\//, shown.message);
    assert.deepEqual(shown.buttons, ['Open Settings', 'Show Log']);
  });
});
