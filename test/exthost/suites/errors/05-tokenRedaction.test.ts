// The PlanetScale token is masked everywhere from the moment the extension reads it, whether it
// came from the environment or from secret storage, not only when it was typed into the prompt.
import assert from 'node:assert/strict';
import { ExtensionApi, extensionApi } from '../../support/api';
import { eventually } from '../../../harness/eventually';
import { logText } from '../../support/shownErrors';
import { ENV_TOKEN, ENV_TOKEN_ID } from './envToken';

const SECRET_KEY = 'planetscalePrivateLink.serviceToken';
const ID_KEY = 'planetscalePrivateLink.serviceTokenId';

const lowerHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** Texts in which a token might reach a log or message: raw, in a URL, in JSON, in a header. */
function leakyTexts(id: string, token: string): string[] {
  return [
    `token ${token} rejected`,
    `https://api.example.test/v1?token=${encodeURIComponent(token)}`,
    `https://api.example.test/v1?token=${lowerHex(encodeURIComponent(token))}`,
    `body: ${JSON.stringify({ authorization: `${id}:${token}` })}`,
    `form: token=${new URLSearchParams({ t: token }).toString().slice(2)}`,
  ];
}

describe('the PlanetScale token is registered with the redactor when it is read', () => {
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  it('a token from the environment is masked once the PlanetScale view has read it', async () => {
    assert.equal(await api.services.context.secrets.get(SECRET_KEY), undefined, 'the secret storage starts empty');
    await api.planetscaleExplorer.getChildren();
    for (const text of leakyTexts(ENV_TOKEN_ID, ENV_TOKEN)) {
      const shown = api.services.redact(text);
      assert.equal(shown.includes(ENV_TOKEN), false, shown);
      assert.equal(shown.includes(encodeURIComponent(ENV_TOKEN)), false, shown);
      assert.equal(shown.includes(lowerHex(encodeURIComponent(ENV_TOKEN))), false, shown);
      assert.equal(shown.includes('Env-Only-Token'), false, shown);
    }
    // The extension's log channel masks on its own, even a line whose writer forgot to.
    api.services.log.warn(`token-redaction-probe ${ENV_TOKEN} ${encodeURIComponent(ENV_TOKEN)}`);
    const logged = await eventually(async () => logText(api).split('\n').find((l) => l.includes('token-redaction-probe')), 'the probe line in the log');
    assert.equal(logged.includes('Env-Only-Token'), false, logged);
  });

  it('a token already in secret storage (typed in an earlier session) is masked once it is read', async () => {
    const stored = 'Stored-Earlier_Token.9f8e7d';
    // Written straight to secret storage, as a previous session of the extension would have left it.
    await api.services.context.secrets.store(ID_KEY, 'storedid02');
    await api.services.context.secrets.store(SECRET_KEY, stored);
    try {
      assert.equal(api.services.redact(`x ${stored} y`).includes(stored), true, 'not registered before it is read');
      api.planetscaleExplorer.refresh();
      await api.planetscaleExplorer.getChildren();
      assert.equal(api.services.redact(`x ${stored} y`).includes(stored), false);
      assert.equal(api.services.redact(`"token":"${stored}"`).includes(stored), false);
    } finally {
      await api.services.context.secrets.delete(SECRET_KEY);
      await api.services.context.secrets.delete(ID_KEY);
    }
  });
});
