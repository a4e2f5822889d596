// What users read names PlanetScale's AWS PrivateLink guide, never "the seed guide" (an internal
// name of the document the project started from, meaningless to a user).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const GUIDE_URL = 'https://planetscale.com/docs/postgres/connecting/private-connections/aws-privatelink';

/** Text a user reads: the README, the walkthrough pages and package.json's contributed strings. */
function userFacingTexts(): Array<{ file: string; text: string }> {
  const walkthrough = join(ROOT, 'media', 'walkthrough');
  return [
    'README.md',
    'package.json',
    ...readdirSync(walkthrough).filter((f) => f.endsWith('.md')).map((f) => join('media', 'walkthrough', f)),
  ].map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

describe('user-facing text names the PrivateLink guide', () => {
  it('never says "seed guide" or "the seed\'s" steps', () => {
    for (const { file, text } of userFacingTexts()) {
      assert.doesNotMatch(text, /seed guide|the seed's (steps|troubleshooting)/i, file);
    }
  });

  it('the README links PlanetScale\'s AWS PrivateLink guide', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`[AWS PrivateLink guide](${GUIDE_URL})`), 'README links the guide by name');
  });

  it('the walkthrough steps that follow the guide name it', () => {
    const pkg = readFileSync(join(ROOT, 'package.json'), 'utf8');
    assert.doesNotMatch(pkg, /\(step 1 of the guide\)|\(guide steps/, 'package.json says which guide');
  });
});
