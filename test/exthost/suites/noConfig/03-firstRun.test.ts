// A first-time user: welcome content in both views, no error notification or log line, and a
// malformed AWS config file named in the view instead of a crash.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { childrenOf, extensionApi } from '../../support/api';

describe('first run without AWS configuration or PlanetScale token', () => {
  it('shows the AWS welcome (no profiles) and the PlanetScale welcome (no token)', async () => {
    const api = await extensionApi();
    assert.deepEqual(await api.awsExplorer.getChildren(), []);
    assert.equal(api.awsExplorer.viewState, 'noProfiles');
    assert.deepEqual(await api.planetscaleExplorer.getChildren(), []);
    assert.equal(api.planetscaleExplorer.viewState, 'noToken');
  });

  it('writes nothing at warning or error level to its log', async () => {
    const api = await extensionApi();
    const logDir = api.services.context.logUri.fsPath;
    const text = fs.existsSync(logDir)
      ? fs.readdirSync(logDir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')).join('\n')
      : '';
    assert.doesNotMatch(text, /\[(warning|error)\]/);
  });

  it('names a malformed AWS config file in the view instead of failing', async () => {
    const api = await extensionApi();
    const configFile = process.env.AWS_CONFIG_FILE!;
    fs.mkdirSync(path.dirname(configFile), { recursive: true });
    fs.writeFileSync(configFile, '[profile broken\nregion = us-east-1\naws_access_key_id\n');
    try {
      api.awsExplorer.refresh();
      const [error] = await childrenOf(api.awsExplorer);
      assert.ok(error, 'an error item is shown');
      assert.match(String(error.item.contextValue), /^error:/);
      assert.ok(error.label.includes(configFile), `the message names ${configFile}: ${error.label}`);
    } finally {
      fs.rmSync(configFile);
      api.awsExplorer.refresh();
    }
  });
});
