// The dependency files a workspace folder may declare its Postgres client in (package.json,
// requirements*.txt, pyproject.toml, Pipfile, Gemfile, go.mod), each read into one list of
// dependencies. Tolerant line readers, not full TOML/Ruby parsers: only names and versions matter.

export interface Dependency {
  name: string;
  version?: string;
  extras?: string[];
  file: string;
}

export function parsePackageJson(text: string, file: string): Dependency[] {
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

export function parseRequirementsTxt(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-')) continue; // -r, -e, --index-url: not a requirement of ours
    const dep = parseRequirement(line, file);
    if (dep) out.push(dep);
  }
  return out;
}

export function parsePyproject(text: string, file: string): Dependency[] {
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

export function parsePipfile(text: string, file: string): Dependency[] {
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

export function parseGemfile(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = raw.trim().match(/^gem\s*\(?\s*["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?/);
    if (m) out.push({ name: m[1], version: m[2], file });
  }
  return out;
}

export function parseGoMod(text: string, file: string): Dependency[] {
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
