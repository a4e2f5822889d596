// Where the benchmark finds the project and leaves its logs.
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..');

/** Build logs and the extension host log of the last run. */
export const benchOutputDir = path.join(projectRoot, 'test-output', 'bench');
