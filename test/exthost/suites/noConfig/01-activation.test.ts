// Runs first in the suite (files run in name order): nothing may have loaded the core yet.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extensionUnderTest, heavyModulesLoaded } from '../../support/extension';

describe('activation without any configuration', () => {
  it('activates the extension', async () => {
    const extension = extensionUnderTest();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('loads neither the AWS SDK nor pg nor the core bundle at activation', () => {
    assert.deepEqual(heavyModulesLoaded(), []);
  });

  it('keeps the AWS SDK and pg out of the main bundle', () => {
    const extension = extensionUnderTest();
    const main = (extension.packageJSON as { main: string }).main;
    const bundle = fs.readFileSync(path.join(extension.extensionPath, main), 'utf8');
    // Unminified esbuild output names each bundled module's path in a comment; the literals
    // (the SDK's user-agent prefix, a pg error message) survive minification.
    const markers = [
      'node_modules/@aws-sdk/',
      'node_modules/pg/',
      'node_modules/pg-protocol/',
      'aws-sdk-js',
      'The server does not support SSL connections',
    ];
    for (const marker of markers) {
      assert.equal(bundle.includes(marker), false, `${main} contains "${marker}": the AWS SDK or pg was bundled into it`);
    }
    assert.match(bundle, /require\(["']\.\/core\.js["']\)/, `${main} should load the core lazily with require('./core.js')`);
  });
});
