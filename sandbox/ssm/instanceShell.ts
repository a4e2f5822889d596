// Runs a Run Command script "as that instance would": the agent's way (the text written to
// `_script.sh`, run with `sh -c <path>` as root), with the VPC's view of the network. The script
// runs in a mount namespace of its own whose /etc/resolv.conf names the VPC's resolver (the
// sandbox DNS at the VPC's base+2 address), and an LD_PRELOAD shim binds its sockets to the
// instance's private IP, so the forwarders judge its connections by that instance's security
// groups and subnet. Everything stays on loopback.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxInstance } from '../ec2/types';
import type { RunningScript, ScriptResult } from './commandStore';

export interface NodeNetwork {
  /** The resolv.conf the node's VPC sees. */
  resolvConf: string;
  /** Set when the VPC resolver could not take port 53: the shim sends `ip:53` there instead. */
  dnsRedirect?: string;
}

export interface InstanceShellOptions {
  /** Folder for the shim and the scripts (inside the sandbox's temporary folder). */
  dir: string;
  /** The node's VPC resolver, started on first use. */
  networkFor(node: SandboxInstance): Promise<NodeNetwork>;
  /** A CA the node's system trust store holds besides the machine's (the sandbox CA, standing in for PlanetScale's public CA). */
  trustedCaFile?: string;
}

const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

const MAX_CAPTURE = 1024 * 1024;

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`)) : resolve()));
  });
}

export class InstanceShell {
  private prepared: Promise<{ shim: string; unshare: string[]; bundle?: string }> | undefined;

  constructor(private readonly options: InstanceShellOptions) {}

  /** Builds the shim and finds how to get a mount namespace here (once). */
  prepare(): Promise<{ shim: string; unshare: string[]; bundle?: string }> {
    this.prepared ??= (async () => {
      await mkdir(this.options.dir, { recursive: true });
      const shim = join(this.options.dir, 'source-address.so');
      await run('gcc', ['-shared', '-fPIC', '-O2', '-o', shim, join(__dirname, 'sourceAddressShim.c'), '-ldl']).catch((error: Error) => {
        throw new Error(`The sandbox SSM stand-in needs gcc to build its source-address shim: ${error.message}`);
      });
      // As root a mount namespace is enough; elsewhere a user namespace mapping us to root.
      for (const unshare of [['unshare', '--mount', '--fork'], ['unshare', '--user', '--map-root-user', '--mount', '--fork']]) {
        // Binding a file onto itself inside the new namespace changes nothing outside it.
        const ok = await run(unshare[0], [...unshare.slice(1), '--', 'mount', '--bind', shim, shim])
          .then(() => true, () => false);
        if (ok) return { shim, unshare, bundle: await this.trustBundle() };
      }
      throw new Error('The sandbox SSM stand-in cannot create a mount namespace (unshare --mount failed, also with --user): run the sandbox as root or allow user namespaces.');
    })();
    return this.prepared;
  }

  /** The machine's CA bundle plus the sandbox CA, mounted over the system bundle for scripts. */
  private async trustBundle(): Promise<string | undefined> {
    if (!this.options.trustedCaFile || !existsSync(SYSTEM_BUNDLE)) return undefined;
    const bundle = join(this.options.dir, 'ca-certificates.crt');
    await writeFile(bundle, `${await readFile(SYSTEM_BUNDLE, 'utf8')}\n${await readFile(this.options.trustedCaFile, 'utf8')}`);
    return bundle;
  }

  async start(node: SandboxInstance, scriptText: string, invocationId: string): Promise<RunningScript> {
    const { shim, unshare, bundle } = await this.prepare();
    const network = await this.options.networkFor(node);
    const workDir = join(this.options.dir, 'orchestration', invocationId, node.instanceId);
    await mkdir(workDir, { recursive: true });
    const script = join(workDir, '_script.sh');
    await writeFile(script, scriptText);
    await chmod(script, 0o700);
    const trust = bundle ? `mount --bind "$4" ${SYSTEM_BUNDLE} && ` : '';
    const wrapper = `mount --bind "$1" /etc/resolv.conf && ${trust}cd "$3" && exec sh -c "$2"`;
    const child = spawn(unshare[0], [...unshare.slice(1), '--', 'sh', '-c', wrapper, 'sh', network.resolvConf, script, workDir, bundle ?? ''], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        HOME: '/root',
        LANG: 'C.UTF-8',
        LD_PRELOAD: shim,
        SANDBOX_SOURCE_IP: node.privateIpAddress,
        ...(network.dnsRedirect ? { SANDBOX_DNS_REDIRECT: network.dnsRedirect } : {}),
      },
    });
    const capture = (stream: NodeJS.ReadableStream | null) => {
      let text = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        if (text.length < MAX_CAPTURE) text += chunk;
      });
      return () => text;
    };
    const stdout = capture(child.stdout);
    const stderr = capture(child.stderr);
    const done = new Promise<ScriptResult>((resolve) => {
      child.on('error', (error) => resolve({ exitCode: 127, stdout: stdout(), stderr: `${stderr()}${error.message}\n` }));
      child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 137 : 1), stdout: stdout(), stderr: stderr() }));
    });
    return {
      done,
      kill: () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      },
    };
  }
}
