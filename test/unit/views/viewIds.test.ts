// The view ids the code uses are the ones package.json contributes (a misspelt id makes a tree or
// a progress location silently vanish).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_EXPLORER_VIEW_ID, PLANETSCALE_EXPLORER_VIEW_ID } from '../../../src/views/viewIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { views: Record<string, Array<{ id: string }>> } };

describe('view ids', () => {
  it('are the tree views package.json contributes', () => {
    const contributed = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    assert.deepEqual([AWS_EXPLORER_VIEW_ID, PLANETSCALE_EXPLORER_VIEW_ID].filter((id) => !contributed.includes(id)), []);
  });
});
