// Which Postgres client a workspace folder uses, from its dependency files, with the evidence
// ("detected from package.json: pg") so the user can see why a format is proposed.
// Reads files only through the WorkspaceFiles it is given (fs here, vscode.workspace.fs upstream).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientKind, FormatOptions } from './connectionFormats';
import { parseGemfile, parseGoMod, parsePackageJson, parsePipfile, parsePyproject, parseRequirementsTxt, type Dependency } from './dependencyFiles';

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
