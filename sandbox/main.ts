// `npm run sandbox [-- --no-editor]`: starts the sandbox, prints one `SANDBOX_READY {json}` line
// on stdout once everything answers, and runs until SIGINT or SIGTERM, then removes every
// process, port and temporary folder it made. Progress and problems go to stderr.
import { startSandbox, Sandbox } from './index';
import type { SandboxVantage } from './clientHost';
import type { RunningEditor } from './editor';

interface Args {
  editor: boolean;
  vantage: SandboxVantage;
  endpointAvailableAfterMs?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { editor: true, vantage: 'vpc' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-editor') args.editor = false;
    else if (arg === '--endpoint-available-after-ms') args.endpointAvailableAfterMs = Number(argv[++i]);
    else if (arg === '--vantage') {
      const value = argv[++i];
      if (value !== 'vpc' && value !== 'laptop') {
        process.stderr.write('--vantage takes "vpc" (this machine is the application instance in app-vpc) or "laptop" (outside every VPC).\n');
        process.exit(2);
      }
      args.vantage = value;
    }
    else if (arg === '--help' || arg === '-h') {
      process.stderr.write('Usage: npm run sandbox -- [--no-editor] [--vantage vpc|laptop] [--endpoint-available-after-ms <ms>]\n');
      process.exit(0);
    } else {
      process.stderr.write(`Unknown argument "${arg}". Usage: npm run sandbox -- [--no-editor] [--vantage vpc|laptop] [--endpoint-available-after-ms <ms>]\n`);
      process.exit(2);
    }
  }
  if (args.endpointAvailableAfterMs !== undefined && !(args.endpointAvailableAfterMs >= 0)) {
    process.stderr.write('--endpoint-available-after-ms needs a number of milliseconds (0 or more).\n');
    process.exit(2);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let sandbox: Sandbox | undefined;
  let editor: RunningEditor | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await editor?.stop();
      await sandbox?.stop();
    } finally {
      process.exit(code);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Ctrl+C reaches this process once from the terminal and again through each wrapper
    // (npm, scripts/demo.sh) that forwards it: say it once.
    process.on(signal, () => {
      if (!stopping) process.stderr.write(`Sandbox: ${signal}, stopping.\n`);
      void shutdown(0);
    });
  }

  try {
    sandbox = await startSandbox({ endpointAvailableAfterMs: args.endpointAvailableAfterMs, vantage: args.vantage });
    let editorUrl: string | undefined;
    if (args.editor) {
      const { startEditor } = await import('./editor');
      editor = await startEditor(sandbox);
      editorUrl = editor.url;
    }
    if (stopping) return;
    process.stdout.write(`SANDBOX_READY ${JSON.stringify(editorUrl ? { ...sandbox.info, editorUrl } : sandbox.info)}\n`);
    if (editorUrl) process.stderr.write(`Sandbox: VS Code is at ${editorUrl}\n`);
    process.stderr.write('Sandbox: running; press Ctrl+C to stop.\n');
  } catch (error) {
    process.stderr.write(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}

void main();
