// Which libpq will read a libpq-style connection string, as far as this machine can tell, and
// where its system CA bundle file is. `sslrootcert=system` needs libpq 16+ AND an OpenSSL that
// finds the system store: Debian 12's libpq 15 (psql here) reads "system" as a file name, and a
// driver wheel that bundles its own libpq/OpenSSL (psycopg[binary], psycopg2-binary) may look for
// the store in its build machine's folders. A CA bundle path works with every libpq version.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientKind } from './connectionFormats';
import type { LibpqFacts } from './libpqRoots';

/** Runs a program without a shell; its stdout, or undefined when it is missing or fails. */
export type ProgramRunner = (file: string, args: string[], cwd: string) => Promise<string | undefined>;

export const runProgram: ProgramRunner = (file, args, cwd) =>
  new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 10_000, windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout));
  });

/** Where the common systems keep their CA bundle (Debian/Ubuntu/Alpine, RHEL/Fedora, SUSE, macOS/BSD, Homebrew). */
export const CA_BUNDLE_CANDIDATES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
  '/opt/homebrew/etc/openssl@3/cert.pem',
  '/usr/local/etc/openssl@3/cert.pem',
];

/** The first candidate that holds at least one PEM certificate (an empty file is no store). */
export async function findCaBundle(candidates: readonly string[] = CA_BUNDLE_CANDIDATES): Promise<string | undefined> {
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes('-----BEGIN CERTIFICATE-----')) return file;
  }
  return undefined;
}

const PYTHON_KINDS: readonly ClientKind[] = ['psycopg', 'psycopg2', 'sqlalchemy', 'django'];
const RUBY_KINDS: readonly ClientKind[] = ['ruby-pg', 'rails'];
export const LIBPQ_KINDS: readonly ClientKind[] = [...PYTHON_KINDS, ...RUBY_KINDS, 'libpq-env'];

// Prints {"driver", "libpq" (PQlibVersion), "bundled"} for the first driver that imports.
const PYTHON_PROBE = [
  'import json',
  'out = {}',
  'try:',
  '    import psycopg',
  '    out = {"driver": "psycopg " + psycopg.__version__, "libpq": psycopg.pq.version(), "bundled": psycopg.pq.__impl__ == "binary"}',
  'except Exception:',
  '    try:',
  '        import psycopg2, importlib.metadata as md',
  '        try:',
  '            md.distribution("psycopg2-binary"); bundled = True',
  '        except Exception:',
  '            bundled = False',
  '        out = {"driver": "psycopg2 " + psycopg2.__version__.split()[0], "libpq": psycopg2.__libpq_version__, "bundled": bundled}',
  '    except Exception:',
  '        pass',
  'print(json.dumps(out))',
].join('\n');

/** 150004 → 15, 90624 → 9 (PQlibVersion's encoding). */
function majorOfLibpqNumber(n: number): number {
  return Math.floor(n / 10000);
}

/** The Python of the folder's virtual environment, else python3 on PATH. */
function pythonCandidates(folder: string): string[] {
  return [join(folder, '.venv', 'bin', 'python'), join(folder, 'venv', 'bin', 'python'), join(folder, '.venv', 'Scripts', 'python.exe'), 'python3'];
}

/**
 * What this machine says about the libpq the client will use. `hintBundled` comes from the
 * dependency files (psycopg[binary], psycopg2-binary) and counts when the driver cannot be run.
 */
export interface DetectLibpqOptions {
  hintBundled?: boolean;
  run?: ProgramRunner;
  caBundleCandidates?: readonly string[];
}

export async function detectLibpq(kind: ClientKind, folder: string, options: DetectLibpqOptions = {}): Promise<LibpqFacts> {
  const { hintBundled, run = runProgram } = options;
  const caBundle = await findCaBundle(options.caBundleCandidates);
  if (PYTHON_KINDS.includes(kind)) {
    for (const python of pythonCandidates(folder)) {
      const out = await run(python, ['-c', PYTHON_PROBE], folder);
      if (out === undefined) continue;
      const found = parseJson(out);
      if (typeof found?.libpq === 'number' && typeof found.driver === 'string') {
        const bundled = found.bundled === true;
        const major = majorOfLibpqNumber(found.libpq);
        return { major, bundled, evidence: `${found.driver} (${bundled ? 'its own bundled' : 'the system\'s'} libpq ${major})`, caBundle };
      }
      break; // Python runs but has no driver: the manifest's hint is all there is.
    }
    return { bundled: hintBundled, caBundle };
  }
  if (RUBY_KINDS.includes(kind)) {
    const out = await run('ruby', ['-e', 'require "pg"; print PG.library_version'], folder);
    const n = Number(out?.trim());
    if (out && Number.isInteger(n) && n > 0) return { major: majorOfLibpqNumber(n), evidence: `the pg gem (libpq ${majorOfLibpqNumber(n)})`, caBundle };
    return { caBundle };
  }
  if (kind === 'libpq-env') {
    // pg_config (libpq's development files) names libpq's own version; psql names the client's.
    for (const [program, label] of [['pg_config', 'pg_config'], ['psql', 'psql']] as const) {
      const out = await run(program, ['--version'], folder);
      const m = out && /PostgreSQL\)?\s+((\d+)(?:\.\d+)?)/.exec(out);
      if (m) return { major: Number(m[2]), evidence: `${label} ${m[1]} (libpq ${m[2]})`, caBundle };
    }
  }
  return { caBundle };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.trim());
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
