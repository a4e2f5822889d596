import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DetectionResult, describeEvidence, detectClients, folderFiles } from '../../../src/connection/clientDetection';

async function detectIn(files: Record<string, string>): Promise<DetectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'detect-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await detectClients(folderFiles(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: 'app', dependencies: deps, devDependencies: dev });

describe('client detection', () => {
  it('finds nothing in an empty folder', async () => {
    assert.deepEqual(await detectIn({}), { candidates: [], problems: [] });
  });

  describe('package.json', () => {
    it('pg alone is node-postgres, with the evidence for the UI', async () => {
      const { candidates } = await detectIn({ 'package.json': pkg({ pg: '^8.11.0', express: '^4' }) });
      assert.equal(candidates.length, 1);
      assert.equal(candidates[0].kind, 'node-postgres');
      assert.deepEqual(candidates[0].evidence, [{ file: 'package.json', dependency: 'pg', version: '^8.11.0' }]);
      assert.equal(describeEvidence(candidates[0]), 'detected from package.json: pg');
    });

    it('postgres is postgres.js', async () => {
      const { candidates } = await detectIn({ 'package.json': pkg({ postgres: '^3.4.0' }) });
      assert.deepEqual(candidates.map((c) => c.kind), ['postgres-js']);
    });

    it('Prisma ranks first and, before version 7, reads URLs with its engine', async () => {
      const { candidates } = await detectIn({ 'package.json': pkg({ '@prisma/client': '^5.22.0', pg: '^8' }, { prisma: '^5.22.0' }) });
      assert.equal(candidates[0].kind, 'prisma');
      assert.deepEqual(candidates[0].formatOptions, { prismaRuntime: 'engine' });
      assert.deepEqual(candidates[0].evidence.map((e) => e.dependency), ['@prisma/client', 'prisma']);
      assert.equal(candidates[1].kind, 'node-postgres');
    });

    it('Prisma 7, or the pg adapter, hands the URL to node-postgres at run time', async () => {
      const seven = await detectIn({ 'package.json': pkg({ '@prisma/client': '7.1.0' }) });
      assert.deepEqual(seven.candidates[0].formatOptions, { prismaRuntime: 'node-postgres' });
      const adapter = await detectIn({ 'package.json': pkg({ '@prisma/client': '^6.0.0', '@prisma/adapter-pg': '^6.0.0' }) });
      assert.deepEqual(adapter.candidates[0].formatOptions, { prismaRuntime: 'node-postgres' });
      assert.ok(describeEvidence(adapter.candidates[0]).includes('@prisma/adapter-pg'));
    });

    it('Drizzle follows its driver', async () => {
      const withPg = await detectIn({ 'package.json': pkg({ 'drizzle-orm': '^0.36', pg: '^8' }) });
      assert.equal(withPg.candidates.length, 1, 'drizzle and pg merge into one node-postgres candidate');
      assert.equal(withPg.candidates[0].label, 'Drizzle ORM (node-postgres)');
      assert.equal(describeEvidence(withPg.candidates[0]), 'detected from package.json: drizzle-orm, pg');
      const withPostgresJs = await detectIn({ 'package.json': pkg({ 'drizzle-orm': '^0.36', postgres: '^3' }) });
      assert.deepEqual(withPostgresJs.candidates.map((c) => [c.kind, c.label]), [['postgres-js', 'Drizzle ORM (postgres.js)']]);
    });

    it('Knex and TypeORM use node-postgres; Sequelize has its own format', async () => {
      for (const [dep, kind] of [['knex', 'node-postgres'], ['typeorm', 'node-postgres'], ['sequelize', 'sequelize']] as const) {
        const { candidates } = await detectIn({ 'package.json': pkg({ [dep]: '*', pg: '^8' }) });
        assert.equal(candidates[0].kind, kind, dep);
        assert.ok(candidates[0].evidence.some((e) => e.dependency === dep));
      }
    });

    it('reports an unreadable package.json and keeps looking elsewhere', async () => {
      const result = await detectIn({ 'package.json': '{ "dependencies": { "pg": ', 'go.mod': 'module x\n\nrequire github.com/lib/pq v1.10.9\n' });
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].file, 'package.json');
      assert.match(result.problems[0].message, /could not be parsed/);
      assert.deepEqual(result.candidates.map((c) => c.kind), ['lib-pq']);
    });
  });

  describe('Python', () => {
    it('requirements.txt: psycopg2-binary brings its own libpq', async () => {
      const { candidates } = await detectIn({ 'requirements.txt': '# db\nPsycopg2_Binary==2.9.9  # pinned\nflask>=3\n-r base.txt\n' });
      assert.deepEqual(candidates.map((c) => [c.kind, c.libpq]), [['psycopg2', 'bundled']]);
      assert.deepEqual(candidates[0].evidence, [{ file: 'requirements.txt', dependency: 'psycopg2-binary', version: '==2.9.9' }]);
    });

    it('requirements/*.txt and requirements-dev.txt are read too', async () => {
      const { candidates } = await detectIn({ 'requirements/base.txt': 'psycopg[binary]>=3.1\n', 'requirements-dev.txt': 'SQLAlchemy>=2.0\n' });
      assert.equal(candidates[0].kind, 'sqlalchemy');
      assert.deepEqual(candidates[0].formatOptions, { sqlalchemyDriver: 'psycopg' });
      assert.equal(candidates[0].libpq, 'bundled');
      assert.ok(candidates.some((c) => c.kind === 'psycopg'));
    });

    it('pyproject.toml (PEP 621, multi-line array) with Django', async () => {
      const toml = [
        '[project]', 'name = "web"', 'dependencies = [', '  "Django>=5.0",', '  "psycopg[binary,pool]>=3.2",', ']',
        '', '[project.optional-dependencies]', 'dev = ["pytest"]',
      ].join('\n');
      const { candidates } = await detectIn({ 'pyproject.toml': toml });
      assert.equal(candidates[0].kind, 'django');
      assert.equal(candidates[0].label, 'Django (psycopg 3)');
      assert.equal(describeEvidence(candidates[0]), 'detected from pyproject.toml: django, psycopg');
    });

    it('pyproject.toml (Poetry table)', async () => {
      const toml = '[tool.poetry.dependencies]\npython = "^3.12"\nsqlalchemy = "^2.0"\npsycopg2 = { version = "^2.9" }\n';
      const { candidates } = await detectIn({ 'pyproject.toml': toml });
      assert.deepEqual(candidates.map((c) => c.kind), ['sqlalchemy', 'psycopg2']);
      assert.equal(candidates[1].libpq, 'system');
      assert.deepEqual(candidates[0].formatOptions, { sqlalchemyDriver: 'psycopg2' });
    });

    it('Pipfile', async () => {
      const { candidates } = await detectIn({ Pipfile: '[packages]\ndjango = "*"\n"psycopg2-binary" = "==2.9.9"\n\n[dev-packages]\npytest = "*"\n' });
      assert.deepEqual(candidates.map((c) => c.kind), ['django', 'psycopg2']);
    });
  });

  it('Gemfile: Rails above the pg gem', async () => {
    const { candidates } = await detectIn({ Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"pg\", \"~> 1.5\"\n" });
    assert.deepEqual(candidates.map((c) => c.kind), ['rails', 'ruby-pg']);
    assert.equal(describeEvidence(candidates[0]), 'detected from Gemfile: rails, pg');
  });

  it('go.mod: pgx (block form) and lib/pq (single line)', async () => {
    const goMod = 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.6.0\n\tgolang.org/x/text v0.14.0 // indirect\n)\n\nrequire github.com/lib/pq v1.10.9\n';
    const { candidates } = await detectIn({ 'go.mod': goMod });
    assert.deepEqual(candidates.map((c) => [c.kind, c.evidence[0].dependency, c.evidence[0].version]), [
      ['pgx', 'github.com/jackc/pgx/v5', 'v5.6.0'],
      ['lib-pq', 'github.com/lib/pq', 'v1.10.9'],
    ]);
  });

  it('a polyglot folder lists every ecosystem, most specific first', async () => {
    const { candidates } = await detectIn({
      'package.json': pkg({ pg: '^8' }),
      'requirements.txt': 'django\npsycopg2\n',
      'go.mod': 'module m\nrequire github.com/jackc/pgx/v5 v5.7.1\n',
    });
    assert.deepEqual(candidates.map((c) => c.kind), ['django', 'node-postgres', 'psycopg2', 'pgx']);
  });
});
