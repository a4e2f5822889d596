// Where the benchmark finds the project and leaves its logs and its copy of the extension.
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..');

/** Build logs and the extension host log of the last run. */
export const benchOutputDir = path.join(projectRoot, 'test-output', 'bench');

/** The extension as the benchmark loads it in the extension host (unpacked .vsix + eager bundle). */
export const stagedExtensionDir = path.join(projectRoot, 'out', 'bench', 'extension');
