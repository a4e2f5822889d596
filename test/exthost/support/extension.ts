// Helpers for tests that run inside the extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'privatelink-tools.planetscale-privatelink';

export interface ManifestContributes {
  commands?: Array<{ command: string; title: string }>;
  viewsContainers?: { activitybar?: Array<{ id: string; title: string }> };
  views?: Record<string, Array<{ id: string; name: string }>>;
}

/** The extension under test, as the extension host knows it. */
export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/** The `contributes` section of the manifest the host loaded (so tests follow package.json). */
export function contributes(): ManifestContributes {
  return (extensionUnderTest().packageJSON as { contributes?: ManifestContributes }).contributes ?? {};
}

/**
 * Modules that must stay out of activation: the AWS SDK, pg and the lazily loaded core bundle.
 * The bundles inline their dependencies, so dist/core.js is the one that shows when the core loads.
 */
export function heavyModulesLoaded(): string[] {
  return Object.keys(require.cache).filter(
    (key) => key.includes('@aws-sdk') || key.includes('/pg/') || /[\\/]dist[\\/](core|features)\.js$/.test(key),
  );
}
