// The command table (src/commands/commandTable.ts) against package.json: every contributed command
// is registered from the table, every table entry is contributed unless marked internal, and every
// command that a menu, a welcome link or a walkthrough names exists. Runs without VS Code: the
// table is data, and importing it must not load `vscode` (mocha here has no such module).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands } from '../../../src/commands/commandIds';
import { commandTable, featureBuilders, type CommandEntry } from '../../../src/commands/commandTable';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: Contributes };

interface Contributes {
  commands: Array<{ command: string }>;
  menus: Record<string, Array<{ command?: string; alt?: string; submenu?: string }>>;
  viewsWelcome: Array<{ view: string; contents: string }>;
  walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; completionEvents?: string[]; media?: { markdown?: string } }> }>;
}

interface TableMismatches {
  contributedNotInTable: string[];
  inTableNotContributed: string[];
  internalButContributed: string[];
  duplicates: string[];
}

/** Both directions of the check, as data, so the test can also show it catches a removed entry. */
function mismatches(contributed: string[], table: readonly CommandEntry[]): TableMismatches {
  const ids = table.map((e) => e.id as string);
  const contributedSet = new Set(contributed);
  return {
    contributedNotInTable: contributed.filter((id) => !ids.includes(id)),
    inTableNotContributed: table.filter((e) => !e.internal && !contributedSet.has(e.id)).map((e) => e.id),
    internalButContributed: table.filter((e) => e.internal && contributedSet.has(e.id)).map((e) => e.id),
    duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
  };
}

const NO_MISMATCH: TableMismatches = { contributedNotInTable: [], inTableNotContributed: [], internalButContributed: [], duplicates: [] };

/** Every place in the manifest (and the walkthrough pages it shows) that names a command. */
function commandReferences(contributes: Contributes): Array<{ where: string; id: string }> {
  const refs: Array<{ where: string; id: string }> = [];
  for (const [menu, items] of Object.entries(contributes.menus)) {
    for (const item of items) {
      if (item.command) refs.push({ where: `menus.${menu}`, id: item.command });
      if (item.alt) refs.push({ where: `menus.${menu} (alt)`, id: item.alt });
    }
  }
  const links = (text: string) => [...text.matchAll(/command:([A-Za-z0-9_.-]+)/g)].map((m) => m[1]);
  for (const welcome of contributes.viewsWelcome) {
    for (const id of links(welcome.contents)) refs.push({ where: `viewsWelcome ${welcome.view}`, id });
  }
  for (const walkthrough of contributes.walkthroughs) {
    for (const step of walkthrough.steps) {
      const where = `walkthrough ${walkthrough.id}/${step.id}`;
      for (const id of links(step.description)) refs.push({ where, id });
      for (const event of step.completionEvents ?? []) {
        if (event.startsWith('onCommand:')) refs.push({ where: `${where} completionEvents`, id: event.slice('onCommand:'.length) });
      }
      if (step.media?.markdown) {
        for (const id of links(readFileSync(join(ROOT, step.media.markdown), 'utf8'))) refs.push({ where: step.media.markdown, id });
      }
    }
  }
  return refs;
}

/**
 * The `h.<module>.<handler>` path an entry picks, read by handing it a recording stand-in; a
 * handler made by a call (a features-bundle command) records its arguments too: the feature's
 * builder by its name in `featureBuilders`, and the call on the built feature by its text.
 */
function handlerPath(entry: CommandEntry): string {
  const path: string[] = [];
  const argument = (a: unknown) => Object.entries(featureBuilders).find(([, build]) => build === a)?.[0] ?? String(a);
  const recorder: unknown = new Proxy(function stand() {}, {
    get: (_t, key) => (path.push(String(key)), recorder),
    apply: (_t, _this, args: unknown[]) => (path.push(`(${args.map(argument).join(', ')})`), recorder),
  });
  entry.handler(recorder as Parameters<CommandEntry['handler']>[0]);
  return path.join('.').replace(/\.\(/g, '(');
}

describe('command table ↔ package.json', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);

  it('loads without VS Code: the table is data, the registration lives elsewhere', () => {
    // Mocha has no `vscode` module, so this file's import of the table proves the table needs none.
    assert.throws(() => require.resolve('vscode'));
    const table = require.cache[require.resolve('../../../src/commands/commandTable')];
    const loadedByTable = (table?.children ?? []).map((m) => m.filename);
    assert.deepEqual(loadedByTable.filter((file) => !/commandIds\.ts$/.test(file)), [], 'the table loads code besides the ids');
    assert.ok(commandTable.length > 0, 'the table is empty');
  });

  it('registers every contributed command, and contributes every entry that is not internal', () => {
    assert.deepEqual(mismatches(contributed, commandTable), NO_MISMATCH);
  });

  it('catches a contributed command whose table entry was removed (the check is meaningful)', () => {
    const removed = commandTable.find((e) => e.id === Commands.diagnose);
    assert.ok(removed);
    const found = mismatches(contributed, commandTable.filter((e) => e !== removed));
    assert.deepEqual(found.contributedNotInTable, [Commands.diagnose]);
    const notContributed = mismatches(contributed.filter((id) => id !== Commands.copyId), commandTable);
    assert.deepEqual(notContributed.inTableNotContributed, [Commands.copyId]);
  });

  it('has one entry per id constant, and only internal ids stay out of package.json', () => {
    assert.deepEqual(commandTable.map((e) => e.id).sort(), Object.values(Commands).sort());
    const internal = commandTable.filter((e) => e.internal).map((e) => e.id);
    assert.deepEqual(internal, [Commands.resumeInterruptedCreation]);
  });

  it('gives each command its own handler', () => {
    const paths = commandTable.map(handlerPath);
    assert.ok(paths.every((p) => /^\w+\.\w+(\(\w+(, .+)?\))?$/.test(p)), `an entry does not pick h.<module>.<handler>: ${paths.join(', ')}`);
    assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], 'two commands run the same handler');
  });

  it('every command a menu, welcome link or walkthrough names is contributed', () => {
    const refs = commandReferences(manifest.contributes);
    assert.ok(refs.some((r) => r.where.startsWith('viewsWelcome')) && refs.some((r) => r.where.includes('completionEvents')), 'found no welcome links or completion events to check');
    const known = new Set(contributed);
    assert.deepEqual(refs.filter((r) => !known.has(r.id)), []);
  });

  it('asks for a trusted workspace for every command package.json hides from untrusted palettes', () => {
    const trustedOnly = (manifest.contributes.menus.commandPalette ?? []).filter((m) => (m as { when?: string }).when === 'isWorkspaceTrusted').map((m) => m.command);
    const requiring = new Set(commandTable.filter((e) => e.requiresTrust).map((e) => e.id as string));
    assert.deepEqual(trustedOnly.filter((id) => id && !requiring.has(id)), []);
  });
});

