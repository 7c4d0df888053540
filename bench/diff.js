// Parser throughput on the corpus patches: node bench/diff.js [rounds] (after `npx tsc -p .`).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parsePatch } from '../dist/diff/parse.js';

const parseDiff = createRequire(import.meta.url)('parse-diff');

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** One text per message: series mboxes are split on their `From <sha>` lines. */
function messages(file) {
  const text = readFileSync(file, 'utf8');
  const parts = text.split(/^(?=From [0-9a-f]{40} )/m).filter((p) => p.length > 0);
  return parts.map((p) => p.slice(p.indexOf('\n\n') + 2));
}

const texts = [
  ...walk(join(corpus, 'kernel', 'debian-patches')),
  ...walk(join(corpus, 'kernel', 'series')),
  ...walk(join(corpus, 'patchwork', 'mail')),
].flatMap(messages);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const rounds = Number(process.argv[2] ?? 20);

let hunks = 0;
for (const t of texts) parsePatch(t); // warm-up
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const t of texts) for (const f of parsePatch(t).files) hunks += f.hunks.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  `diff: ${texts.length} messages, ${(bytes / 1e6).toFixed(2)} MB x ${rounds} rounds in ${seconds.toFixed(2)} s: ` +
    `${((bytes * rounds) / 1e6 / seconds).toFixed(1)} MB/s, ${Math.round(hunks / seconds)} hunks/s, ` +
    `${Math.round((texts.length * rounds) / seconds)} messages/s`,
);

// The same texts through parse-diff, for scale (it reads less: no binary, rename or quoting details).
const pdStart = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const t of texts) parseDiff(t);
const pdSeconds = Number(process.hrtime.bigint() - pdStart) / 1e9;
console.log(`parse-diff@0.12.0 on the same texts: ${((bytes * rounds) / 1e6 / pdSeconds).toFixed(1)} MB/s`);
