// Start-up: a command loads only what it uses. Registering one command must print the same help as
// registering all of them, the defaults copied for --help must equal the originals, and the built CLI
// must not load the rule engine, yaml, zod, ink, octokit or simple-git where they are not needed.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildProgram } from '../src/cli/main.js';
import { DEFAULT_LINK_MASK, DEFAULT_LORE_URL } from '../src/cli/defaults.js';
import { DEFAULT_LINK_MASK as AM_LINK_MASK } from '../src/am/index.js';
import { DEFAULT_LORE_URL as LORE_URL } from '../src/sources/lore.js';
import { cli, ROOT } from './helpers/corpus.js';

const COMMANDS = ['series', 'tui', 'check', 'am', 'apply', 'track', 'digest', 'maintainers'];

describe('command registration', () => {
  it('lists every command, in order, and one command registered alone has the same help', async () => {
    const all = await buildProgram();
    expect(all.commands.map((c) => c.name())).toEqual(COMMANDS);
    for (const name of COMMANDS) {
      const one = await buildProgram(name);
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      expect(one.commands[0].helpInformation()).toBe(all.commands.find((c) => c.name() === name)!.helpInformation());
    }
    expect((await buildProgram('help')).commands).toHaveLength(COMMANDS.length);
  });

  it('the defaults that --help prints are the ones the code uses', () => {
    expect(DEFAULT_LORE_URL).toBe(LORE_URL);
    expect(DEFAULT_LINK_MASK).toBe(AM_LINK_MASK);
  });
});

const built = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));

/** Runs the built CLI and returns the files of every module it loaded (ES modules and require()). */
function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stderr: string; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ls-startup-'));
  const out = join(dir, 'modules.txt');
  writeFileSync(join(dir, 'hooks.mjs'), [
    "import { appendFileSync } from 'node:fs';",
    `export async function load(url, context, next) { if (url.startsWith('file:')) appendFileSync(${JSON.stringify(out)}, url + '\\n'); return next(url, context); }`,
  ].join('\n'));
  writeFileSync(join(dir, 'register.mjs'), [
    "import { appendFileSync } from 'node:fs';",
    "import { createRequire, register } from 'node:module';",
    `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
    `process.on('exit', () => appendFileSync(${JSON.stringify(out)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));`,
  ].join('\n'));
  const r = cli(args, { env: { ...env, NODE_OPTIONS: `--import=${pathToFileURL(join(dir, 'register.mjs')).href}` } });
  return { code: r.code, stderr: r.stderr, modules: readFileSync(out, 'utf8').split('\n').filter(Boolean) };
}

const pkg = (name: string) => new RegExp(`/node_modules/${name.replace('/', '\\/')}/`);
const HEAVY = ['yaml', 'zod', 'ink', 'react', '@octokit/rest', 'simple-git'];

describe.skipIf(!built)('the built CLI loads only what a command uses', () => {
  it('--help: no pipeline, rules, views or review modules, no heavy package', () => {
    const { code, modules } = loadedBy(['--help']);
    expect(code).toBe(0);
    expect(modules.some((m) => m.includes('/dist/cli/main.js'))).toBe(true);
    expect(modules.filter((m) => /\/dist\/(pipeline|rules|views|review|sources|mail|am|maintainers)\//.test(m))).toEqual([]);
    for (const p of [...HEAVY, 'libmime']) expect(modules.filter((m) => pkg(p).test(m)), p).toEqual([]);
  });

  it('series: no rule engine, no yaml or zod, no UI or GitHub packages', () => {
    const { code, modules } = loadedBy(['series', 'patches/']);
    expect(code).toBe(0);
    expect(modules.some((m) => m.includes('/dist/pipeline/load.js'))).toBe(true);
    expect(modules.filter((m) => /\/dist\/(rules|views\/(tui|check|digest|github))\//.test(m))).toEqual([]);
    for (const p of HEAVY) expect(modules.filter((m) => pkg(p).test(m)), p).toEqual([]);
  });

  it('check: the built-in rules come from dist/rules-builtin.json, without yaml or zod', () => {
    expect(existsSync(join(ROOT, 'dist', 'rules-builtin.json')), 'dist/rules-builtin.json is missing: run `npm run build`').toBe(true);
    const { code, modules } = loadedBy(['check', 'patches/', '--format', 'json']);
    expect(code).toBe(1); // the demo has high findings
    expect(modules.some((m) => m.includes('/dist/rules/evaluate.js'))).toBe(true);
    expect(modules.filter((m) => pkg('yaml').test(m) || pkg('zod').test(m)), 'dist/rules-builtin.json is stale: run `npm run build`').toEqual([]);
    for (const p of HEAVY) expect(modules.filter((m) => pkg(p).test(m)), p).toEqual([]);
  });

  it('check --rules DIR still validates the extra rules (and only then loads yaml and zod)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-startup-rules-'));
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  - id: x.y\n    title: t\n    severity: critical\n    rationale: r\n    match:\n      added: foo\n');
    const { stderr, modules } = loadedBy(['check', 'patches/', '--rules', dir]);
    expect(stderr).toContain(`${join(dir, 'bad.yaml')}:4:15: rules[0].severity: expected one of "info", "warn", "high"`);
    expect(modules.some((m) => pkg('yaml').test(m))).toBe(true);
    expect(modules.some((m) => pkg('zod').test(m))).toBe(true);
  });
});
