// Which Postgres client a workspace folder uses, from its dependency files, with the evidence
// ("detected from package.json: pg") so the user can see why a format is proposed.
// Reads files only through the WorkspaceFiles it is given (fs here, vscode.workspace.fs upstream).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientKind, FormatOptions } from './connectionFormats';

export interface WorkspaceFiles {
  /** Text of a file relative to the folder, or undefined when it does not exist. */
  readFile(relPath: string): Promise<string | undefined>;
  /** Relative paths of the files that may hold dependencies (the folder and `requirements/`). */
  listFiles(): Promise<string[]>;
}

export interface DetectionEvidence {
  file: string;
  dependency: string;
  /** The version or requirement as written, when there is one. */
  version?: string;
}

export interface DetectedClient {
  kind: ClientKind;
  label: string;
  /** Higher = more specific (an ORM decides how the URL is read, above the driver under it). */
  score: number;
  evidence: DetectionEvidence[];
  /** Options for formatConnection that follow from what was found. */
  formatOptions: FormatOptions;
  /** Whether the Python driver brings its own libpq (16+, so sslrootcert=system works). */
  libpq?: 'bundled' | 'system';
}

export interface DetectionProblem {
  file: string;
  message: string;
}

export interface DetectionResult {
  /** Best first. Empty when nothing Postgres-related was found. */
  candidates: DetectedClient[];
  /** Files that exist but could not be read; detection carries on without them. */
  problems: DetectionProblem[];
}

/** WorkspaceFiles over a folder on disk. */
export function folderFiles(folder: string): WorkspaceFiles {
  return {
    async readFile(relPath) {
      try {
        return await readFile(join(folder, relPath), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },
    async listFiles() {
      const names: string[] = [];
      for (const sub of ['', 'requirements']) {
        try {
          for (const entry of await readdir(join(folder, sub), { withFileTypes: true })) {
            if (entry.isFile()) names.push(sub ? `${sub}/${entry.name}` : entry.name);
          }
        } catch {
          // A missing requirements/ folder is the usual case.
        }
      }
      return names;
    },
  };
}

export function describeEvidence(client: DetectedClient): string {
  const byFile = new Map<string, string[]>();
  for (const e of client.evidence) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e.dependency]);
  return [...byFile].map(([file, deps]) => `detected from ${file}: ${deps.join(', ')}`).join('; ');
}

interface Dependency {
  name: string;
  version?: string;
  extras?: string[];
  file: string;
}

export async function detectClients(files: WorkspaceFiles): Promise<DetectionResult> {
  const problems: DetectionProblem[] = [];
  const read = async (path: string, parse: (text: string, file: string) => Dependency[]): Promise<Dependency[]> => {
    let text: string | undefined;
    try {
      text = await files.readFile(path);
    } catch (error) {
      problems.push({ file: path, message: `could not be read: ${(error as Error).message}` });
      return [];
    }
    if (text === undefined) return [];
    try {
      return parse(text.replace(/^\uFEFF/, ''), path);
    } catch (error) {
      problems.push({ file: path, message: `could not be parsed: ${(error as Error).message}` });
      return [];
    }
  };

  const listed = await files.listFiles().catch(() => [] as string[]);
  const requirementFiles = listed.filter((f) => /^(requirements[^/]*\.txt|requirements\/[^/]+\.txt)$/i.test(f)).sort();

  const node = await read('package.json', parsePackageJson);
  const python = [
    ...(await Promise.all(requirementFiles.map((f) => read(f, parseRequirementsTxt)))).flat(),
    ...(await read('pyproject.toml', parsePyproject)),
    ...(await read('Pipfile', parsePipfile)),
  ];
  const ruby = await read('Gemfile', parseGemfile);
  const go = await read('go.mod', parseGoMod);

  const candidates = mergeByKind([...nodeCandidates(node), ...pythonCandidates(python), ...rubyCandidates(ruby), ...goCandidates(go)]);
  return { candidates, problems };
}

function evidenceOf(deps: Dependency[]): DetectionEvidence[] {
  return deps.map((d) => (d.version ? { file: d.file, dependency: d.name, version: d.version } : { file: d.file, dependency: d.name }));
}

function nodeCandidates(deps: Dependency[]): DetectedClient[] {
  const find = (name: string) => deps.find((d) => d.name === name);
  const out: DetectedClient[] = [];
  const pg = find('pg');
  const postgresJs = find('postgres');

  const prisma = [find('@prisma/client'), find('prisma')].filter((d): d is Dependency => !!d);
  if (prisma.length) {
    const adapter = find('@prisma/adapter-pg');
    const major = prisma.map((d) => majorOf(d.version)).find((m) => m !== undefined);
    // Prisma 7 always runs through a driver adapter; earlier versions only with adapter-pg.
    const runtime = adapter || (major !== undefined && major >= 7) ? 'node-postgres' : 'engine';
    out.push({
      kind: 'prisma', label: runtime === 'node-postgres' ? 'Prisma (node-postgres adapter)' : 'Prisma', score: 100,
      evidence: evidenceOf(adapter ? [...prisma, adapter] : prisma), formatOptions: { prismaRuntime: runtime },
    });
  }
  const drizzle = find('drizzle-orm');
  if (drizzle) {
    if (postgresJs && !pg) out.push({ kind: 'postgres-js', label: 'Drizzle ORM (postgres.js)', score: 90, evidence: evidenceOf([drizzle, postgresJs]), formatOptions: {} });
    else out.push({ kind: 'node-postgres', label: 'Drizzle ORM (node-postgres)', score: pg ? 90 : 60, evidence: evidenceOf(pg ? [drizzle, pg] : [drizzle]), formatOptions: {} });
  }
  const typeorm = find('typeorm');
  if (typeorm) out.push({ kind: 'node-postgres', label: 'TypeORM (node-postgres)', score: 80, evidence: evidenceOf(pg ? [typeorm, pg] : [typeorm]), formatOptions: {} });
  const knex = find('knex');
  if (knex) out.push({ kind: 'node-postgres', label: 'Knex (node-postgres)', score: 80, evidence: evidenceOf(pg ? [knex, pg] : [knex]), formatOptions: {} });
  const sequelize = find('sequelize');
  if (sequelize) out.push({ kind: 'sequelize', label: 'Sequelize (node-postgres)', score: 80, evidence: evidenceOf(pg ? [sequelize, pg] : [sequelize]), formatOptions: {} });
  if (pg) out.push({ kind: 'node-postgres', label: 'node-postgres (pg)', score: 50, evidence: evidenceOf([pg]), formatOptions: {} });
  if (postgresJs) out.push({ kind: 'postgres-js', label: 'postgres.js', score: 50, evidence: evidenceOf([postgresJs]), formatOptions: {} });
  return out;
}

function pythonCandidates(deps: Dependency[]): DetectedClient[] {
  const find = (...names: string[]) => deps.filter((d) => names.includes(d.name));
  const out: DetectedClient[] = [];
  const psycopg3 = find('psycopg', 'psycopg-binary', 'psycopg-c');
  const psycopg2 = find('psycopg2', 'psycopg2-binary');
  const bundled3 = psycopg3.some((d) => d.name === 'psycopg-binary' || d.extras?.includes('binary'));
  const bundled2 = psycopg2.some((d) => d.name === 'psycopg2-binary');
  // psycopg 3 when present: it is what SQLAlchemy and Django use once installed.
  const driver: 'psycopg' | 'psycopg2' = psycopg3.length ? 'psycopg' : 'psycopg2';
  const driverDeps = driver === 'psycopg' ? psycopg3 : psycopg2;
  const libpq = (driver === 'psycopg' ? bundled3 : bundled2) ? 'bundled' : 'system';

  const django = find('django');
  if (django.length) out.push({ kind: 'django', label: `Django (${driver === 'psycopg' ? 'psycopg 3' : 'psycopg2'})`, score: 90, evidence: evidenceOf([...django, ...driverDeps]), formatOptions: {}, libpq });
  const sqlalchemy = find('sqlalchemy', 'flask-sqlalchemy', 'sqlmodel');
  if (sqlalchemy.length) {
    out.push({
      kind: 'sqlalchemy', label: `SQLAlchemy (${driver === 'psycopg' ? 'psycopg 3' : 'psycopg2'})`, score: 80,
      evidence: evidenceOf([...sqlalchemy, ...driverDeps]), formatOptions: { sqlalchemyDriver: driver }, libpq,
    });
  }
  if (psycopg3.length) out.push({ kind: 'psycopg', label: 'psycopg 3', score: 50, evidence: evidenceOf(psycopg3), formatOptions: {}, libpq: bundled3 ? 'bundled' : 'system' });
  if (psycopg2.length) out.push({ kind: 'psycopg2', label: bundled2 ? 'psycopg2 (binary)' : 'psycopg2', score: 50, evidence: evidenceOf(psycopg2), formatOptions: {}, libpq: bundled2 ? 'bundled' : 'system' });
  return out;
}

function rubyCandidates(deps: Dependency[]): DetectedClient[] {
  const out: DetectedClient[] = [];
  const pg = deps.filter((d) => d.name === 'pg');
  const rails = deps.filter((d) => d.name === 'rails' || d.name === 'activerecord');
  if (rails.length) out.push({ kind: 'rails', label: 'Rails (Active Record)', score: 90, evidence: evidenceOf([...rails, ...pg]), formatOptions: {} });
  if (pg.length) out.push({ kind: 'ruby-pg', label: 'Ruby pg', score: 50, evidence: evidenceOf(pg), formatOptions: {} });
  return out;
}

function goCandidates(deps: Dependency[]): DetectedClient[] {
  const out: DetectedClient[] = [];
  const pgx = deps.filter((d) => /^github\.com\/jackc\/pgx(\/v\d+)?$/.test(d.name));
  const pq = deps.filter((d) => d.name === 'github.com/lib/pq');
  const gorm = deps.filter((d) => d.name === 'gorm.io/driver/postgres');
  if (gorm.length) out.push({ kind: 'pgx', label: 'GORM (pgx)', score: 80, evidence: evidenceOf([...gorm, ...pgx]), formatOptions: {} });
  if (pgx.length) out.push({ kind: 'pgx', label: 'pgx', score: 50, evidence: evidenceOf(pgx), formatOptions: {} });
  if (pq.length) out.push({ kind: 'lib-pq', label: 'lib/pq', score: 50, evidence: evidenceOf(pq), formatOptions: {} });
  return out;
}

/** One candidate per kind: the most specific label, with every piece of evidence for it. */
function mergeByKind(candidates: DetectedClient[]): DetectedClient[] {
  const byKind = new Map<ClientKind, DetectedClient>();
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    const kept = byKind.get(c.kind);
    if (!kept) {
      byKind.set(c.kind, { ...c, evidence: [...c.evidence] });
      continue;
    }
    for (const e of c.evidence) {
      if (!kept.evidence.some((k) => k.file === e.file && k.dependency === e.dependency)) kept.evidence.push(e);
    }
  }
  return [...byKind.values()].sort((a, b) => b.score - a.score);
}

function majorOf(spec: string | undefined): number | undefined {
  const m = spec?.match(/(\d+)(?:\.|$|\s|-)/);
  return m ? Number(m[1]) : undefined;
}

// ---- file parsers ----------------------------------------------------------------------------

function parsePackageJson(text: string, file: string): Dependency[] {
  const json = JSON.parse(text) as Record<string, unknown>;
  const out: Dependency[] = [];
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = json[section];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, version] of Object.entries(deps as Record<string, unknown>)) {
      if (!out.some((d) => d.name === name)) out.push({ name, version: typeof version === 'string' ? version : undefined, file });
    }
  }
  return out;
}

/** PEP 503 normalisation: Psycopg2_Binary and psycopg2.binary are psycopg2-binary. */
function normalizePython(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** One PEP 508 requirement ("psycopg[binary]>=3.1; python_version>'3.8'") or undefined. */
function parseRequirement(spec: string, file: string): Dependency | undefined {
  const m = spec.trim().match(/^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[([^\]]*)\])?\s*(.*)$/);
  if (!m) return undefined;
  const extras = m[3] ? m[3].split(',').map((e) => e.trim().toLowerCase()).filter(Boolean) : undefined;
  const version = m[4].split(';')[0].trim() || undefined;
  return { name: normalizePython(m[1]), version, extras, file };
}

function parseRequirementsTxt(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-')) continue; // -r, -e, --index-url: not a requirement of ours
    const dep = parseRequirement(line, file);
    if (dep) out.push(dep);
  }
  return out;
}

function parsePyproject(text: string, file: string): Dependency[] {
  // No TOML library in the main bundle: dependency arrays and Poetry tables are simple enough
  // to read line by line; anything else in the file is ignored.
  const out: Dependency[] = [];
  let section = '';
  let inArray = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = line.match(/^\[\[?([^\]]+)\]\]?$/);
    if (header && !inArray) {
      section = header[1].trim().replace(/\s+/g, '');
      continue;
    }
    const inDependencyTable = /^tool\.poetry\.(group\.[^.]+\.)?(dev-)?dependencies$/.test(section);
    const arraySection = section === 'project.optional-dependencies' || section === 'dependency-groups';
    if (!inArray) {
      const assign = line.match(/^("?)([A-Za-z0-9._-]+)\1\s*=\s*(.*)$/);
      if (!assign) continue;
      const [, , key, value] = assign;
      if (inDependencyTable) {
        if (normalizePython(key) === 'python') continue;
        const extras = value.match(/extras\s*=\s*\[([^\]]*)\]/)?.[1].split(',').map((e) => e.trim().replace(/["']/g, '').toLowerCase());
        const version = value.match(/^["']([^"']*)["']/)?.[1] ?? value.match(/version\s*=\s*["']([^"']*)["']/)?.[1];
        out.push({ name: normalizePython(key), version, extras, file });
        continue;
      }
      if ((section === 'project' && key === 'dependencies') || arraySection) {
        const bare = withoutQuoted(value);
        inArray = bare.startsWith('[') && !bare.includes(']');
        if (bare.startsWith('[')) out.push(...quotedRequirements(value, file));
      }
      continue;
    }
    out.push(...quotedRequirements(line, file));
    if (withoutQuoted(line).includes(']')) inArray = false;
  }
  return out;
}

/** The text with quoted strings removed, so brackets inside "psycopg[binary]" do not count. */
function withoutQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'/g, '');
}

function quotedRequirements(text: string, file: string): Dependency[] {
  return [...text.matchAll(/"([^"]+)"|'([^']+)'/g)]
    .map((m) => parseRequirement(m[1] ?? m[2], file))
    .filter((d): d is Dependency => !!d);
}

function parsePipfile(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = line.match(/^\[([^\]]+)\]$/);
    if (header) {
      section = header[1].trim();
      continue;
    }
    if (section !== 'packages' && section !== 'dev-packages') continue;
    const assign = line.match(/^"?([A-Za-z0-9._-]+)"?\s*=\s*(.*)$/);
    if (!assign) continue;
    const extras = assign[2].match(/extras\s*=\s*\[([^\]]*)\]/)?.[1].split(',').map((e) => e.trim().replace(/["']/g, '').toLowerCase());
    const version = assign[2].match(/^["']([^"']*)["']/)?.[1] ?? assign[2].match(/version\s*=\s*["']([^"']*)["']/)?.[1];
    out.push({ name: normalizePython(assign[1]), version: version === '*' ? undefined : version, extras, file });
  }
  return out;
}

function parseGemfile(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = raw.trim().match(/^gem\s*\(?\s*["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?/);
    if (m) out.push({ name: m[1], version: m[2], file });
  }
  return out;
}

function parseGoMod(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  let inRequire = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) {
      inRequire = true;
      continue;
    }
    if (inRequire && line === ')') {
      inRequire = false;
      continue;
    }
    const m = (inRequire ? line : line.replace(/^require\s+/, '')).match(/^(\S+)\s+(v\S+)$/);
    if (m && (inRequire || /^require\s/.test(line))) out.push({ name: m[1], version: m[2], file });
  }
  return out;
}
