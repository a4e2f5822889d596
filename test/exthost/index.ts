// The mocha runner inside the extension host. scripts/build.mjs bundles it with the *.test.ts files
// of one suite folder (test/exthost/suites/<suite>/) into out/test/exthost/suites/<suite>/index.js,
// whose run() is what VS Code calls for extensionTestsPath (code-server or @vscode/test-electron).
import Mocha from 'mocha';

/** Printed around the run; the outer runners parse them (test/harness/extensionHostRunner.ts). */
const BEGIN_MARKER = 'EXTHOST_BEGIN';
const RESULT_MARKER = 'EXTHOST_RESULT';

export function runSuite(suite: string, loadTests: () => void): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.EXTHOST_TEST_TIMEOUT_MS ?? 30_000),
    grep: process.env.EXTHOST_GREP || undefined,
  });
  console.log(`${BEGIN_MARKER} ${suite}`);
  // The test files are bundled, not loaded by mocha: give them describe/it before they run.
  mocha.suite.emit('pre-require', globalThis, suite, mocha);
  try {
    loadTests();
  } catch (err) {
    console.log(`${RESULT_MARKER} ${JSON.stringify({ suite, passed: 0, failed: 1, pending: 0 })}`);
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      const result = { suite, passed: stats.passes, failed: stats.failures, pending: stats.pending };
      console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
      if (failures > 0) reject(new Error(`${failures} extension host test(s) failed in suite ${suite}`));
      else if (stats.passes === 0) reject(new Error(`suite ${suite} ran no test`));
      else resolve();
    });
  });
}
