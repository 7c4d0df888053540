// Generates a large mbox of realistic patch mail: series with cover letters, patches and reviews.
import { createWriteStream } from 'node:fs';

const WORDS = 'folio page node memory zone device private compressed tier reclaim cgroup damon region map pgmap migrate swap'.split(' ');
const DIRS = ['mm', 'mm/damon', 'drivers/cxl/core', 'kernel/cgroup', 'include/linux', 'fs', 'net/core'];

function rnd(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function words(r, n) {
  let out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join(' ');
}

function diff(r, file) {
  const start = 10 + Math.floor(r() * 500);
  const ctx = (i) => `\tint ${words(r, 1)}_${i} = ${i};`;
  const lines = [];
  for (let i = 0; i < 3; i++) lines.push(' ' + ctx(i));
  lines.push('-' + ctx(3));
  lines.push('+' + ctx(33));
  lines.push('+\t' + words(r, 4).replace(/ /g, '_') + '(page->pgmap, NODE_DATA(nid));');
  for (let i = 4; i < 7; i++) lines.push(' ' + ctx(i));
  return `diff --git a/${file} b/${file}\nindex 1a2b3c4..5d6e7f8 100644\n--- a/${file}\n+++ b/${file}\n@@ -${start},7 +${start},8 @@ static int ${words(r, 1)}_fn(struct page *page)\n${lines.join('\n')}\n`;
}

/** Write `count` messages; returns a promise resolved when the file is complete. */
export function generateMbox(path, count, seed = 42) {
  const r = rnd(seed);
  const out = createWriteStream(path);
  let n = 0;
  let series = 0;
  const date = (t) => new Date(Date.UTC(2025, 0, 1) + t * 1000).toUTCString().replace('GMT', '+0000');
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((res) => out.once('drain', res)));
  return (async () => {
    while (n < count) {
      series++;
      const total = 1 + Math.floor(r() * 8);
      const ver = 1 + Math.floor(r() * 3);
      const author = `Dev ${series % 997} <dev${series % 997}@example.org>`;
      const base = `${series}.${seed}`;
      const cover = `${base}-0@example.org`;
      const title = words(r, 5);
      const t0 = series * 600;
      await write(`From dev@z Thu Jan  1 00:00:00 1970\nFrom: ${author}\nTo: linux-mm@kvack.org\nCc: linux-kernel@vger.kernel.org\nSubject: [PATCH v${ver} 0/${total}] mm: ${title}\nDate: ${date(t0)}\nMessage-ID: <${cover}>\n\nThis series ${words(r, 40)}.\n\n${words(r, 30)}\n\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n-- \n2.43.0\n\n`);
      n++;
      for (let i = 1; i <= total && n < count; i++) {
        const id = `${base}-${i}@example.org`;
        const file = `${DIRS[Math.floor(r() * DIRS.length)]}/${words(r, 1)}.c`;
        await write(`From dev@z Thu Jan  1 00:00:00 1970\nFrom: ${author}\nTo: linux-mm@kvack.org\nCc: linux-kernel@vger.kernel.org\nSubject: [PATCH v${ver} ${i}/${total}] mm: ${words(r, 4)}\nDate: ${date(t0 + i)}\nMessage-ID: <${id}>\nIn-Reply-To: <${cover}>\nReferences: <${cover}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n${words(r, 25)}\n${words(r, 25)}\n\nSigned-off-by: ${author}\n---\n ${file} | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n\n${diff(r, file)}-- \n2.43.0\n\n`);
        n++;
        if (r() < 0.5 && n < count) {
          const rid = `${base}-${i}-r@example.org`;
          await write(`From dev@z Thu Jan  1 00:00:00 1970\nFrom: Reviewer ${i} <rev${i}@example.org>\nSubject: Re: [PATCH v${ver} ${i}/${total}] mm: x\nDate: ${date(t0 + 100 + i)}\nMessage-ID: <${rid}>\nIn-Reply-To: <${id}>\nReferences: <${cover}> <${id}>\n\nOn ${date(t0)}, ${author} wrote:\n> +\tfoo(page->pgmap);\n\n${words(r, 20)}?\n\nReviewed-by: Reviewer ${i} <rev${i}@example.org>\n\n`);
          n++;
        }
      }
    }
    await new Promise((res) => out.end(res));
    return n;
  })();
}
