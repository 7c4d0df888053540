// One of two concurrent writers in test/state-store.test.ts: opens the state database (migrating a
// fresh one at the same moment as the other writer), then at START makes N changes, each its own
// transaction, as reviewer WHO and as the reviewer both writers share.
// Usage: node state-writer.mjs SPEC SERIES_JSON WHO N START
import { openStateStore } from '../../dist/state/index.js';

const [spec, seriesJson, who, n, start] = process.argv.slice(2);
const series = JSON.parse(seriesJson);
const me = { name: who, email: `${who}@example.org` };
const shared = { name: 'Shared Reviewer', email: 'shared@example.org' };
const store = await openStateStore(spec);
await store.trackSeries(series);
await new Promise((r) => setTimeout(r, Math.max(0, Number(start) - Date.now())));
const states = ['reviewing', 'replied', 'waiting'];
// A short pause between changes, as between a person's keystrokes: the two writers then take turns
// on the database instead of one finishing before the other's first retry.
const pause = () => new Promise((r) => setTimeout(r, 2));
for (let i = 0; i < Number(n); i++) {
  await pause();
  await store.changeMarks(series.id, shared, [`${who}-${i}@marks`], []);
  await store.addNote(series.id, me, `${who} note ${i}`);
  await store.setState(series.id, me, states[i % states.length], i % 3 === 2 ? 'the author' : null);
  await store.setState(series.id, shared, states[i % states.length]);
  await store.changeMarks(series.id, me, [series.patches[i % series.patches.length].msgid], i > 0 ? [series.patches[(i - 1) % series.patches.length].msgid] : []);
}
await store.setPartDone(series.id, me, `part-of-${who}`, true);
await store.close();
process.stdout.write('done\n');
