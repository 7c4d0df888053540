// Where a changed line sits in the C source: comments blanked, enclosing struct/union/enum tracked from
// the hunk heading and the lines, function heading in force. Real hunks from the corpus first.
import { describe, expect, it } from 'vitest';
import { annotateHunk } from '../src/rules/c-context.js';
import { codeOf } from '../src/rules/c-lex.js';
import { parsePatch } from '../src/diff/parse.js';
import type { Hunk } from '../src/diff/types.js';
import { parseMail } from '../src/mail/parse.js';
import { openSource } from '../src/sources/open.js';
import { corpus } from './helpers/corpus.js';

async function patchOf(file: string, subject: string) {
  for await (const raw of openSource(corpus(file))) {
    const mail = parseMail(raw).mail;
    if (mail.subject.includes(subject)) return parsePatch(mail.patch ?? '');
  }
  throw new Error(`no mail with subject ${subject}`);
}

/** [sign, text, within, heading] for each changed line. */
function changed(h: Hunk) {
  const infos = annotateHunk(h);
  return h.lines.flatMap((l, i) => (infos[i] ? [[l.kind === 'add' ? '+' : '-', l.text.trim(), infos[i]!.within.join(','), infos[i]!.heading]] : []));
}

function hunkOf(diff: string): Hunk {
  const d = parsePatch(diff);
  expect(d.warnings).toEqual([]);
  return d.files[0].hunks[0];
}

describe('codeOf', () => {
  it('blanks comments and literal contents, keeping columns', () => {
    const st = { inComment: false };
    expect(codeOf('x = "{ // }"; /* { */ y(\'}\'); // z {', st)).toBe('x = "      ";         y(\' \');       ');
    expect(st.inComment).toBe(false);
    expect(codeOf('int a; /* starts', st)).toBe('int a;          ');
    expect(st.inComment).toBe(true);
    expect(codeOf(' * still { inside', st)).toBe('                 ');
    expect(codeOf(' */ int b; {', st)).toBe('    int b; {');
    expect(st.inComment).toBe(false);
  });

  it('treats a kernel comment continuation line at the start of a hunk as comment', () => {
    const st = { inComment: false };
    expect(codeOf('\t * lruvec->lru_lock {', st).trim()).toBe('');
    expect(codeOf('\t */', st).trim()).toBe('');
    expect(codeOf('\t*pte = 0;', { inComment: false })).toBe('\t*pte = 0;');
  });
});

describe('enclosing definitions on real hunks', () => {
  it('a hunk starting three levels deep in struct page (heading `struct page {`)', async () => {
    const diff = await patchOf('kernel/series/folio-5.17.mbox', 'mm/munlock: maintain page->mlock_count while unevictable');
    const mmTypes = diff.files.find((f) => f.path === 'include/linux/mm_types.h')!;
    const [page, folio] = mmTypes.hunks;
    expect(page.heading).toBe('struct page {');
    const rows = changed(page);
    expect(rows).toHaveLength(11);
    for (const r of rows) expect(r[2]).toBe('struct page');
    expect(changed(folio).every((r) => r[2] === 'struct folio')).toBe(true);
  });

  it('the accessor hunk under a struct page mention in its heading is not inside struct page', async () => {
    const diff = await patchOf('kernel/series/folio-5.17.mbox', 'mm: Make compound_pincount always available');
    const hunks = diff.files.find((f) => f.path === 'include/linux/mm_types.h')!.hunks;
    expect(changed(hunks[0]).map((r) => r[2])).toEqual(Array(5).fill('struct page'));
    expect(changed(hunks[1])).toEqual([
      ['-', 'return &page[2].hpage_pinned_refcount;', '', 'static inline atomic_t *compound_pincount_ptr(struct page *page)'],
      ['+', 'return &page[1].compound_pincount;', '', 'static inline atomic_t *compound_pincount_ptr(struct page *page)'],
    ]);
  });

  it('typedef struct pglist_data { … } pg_data_t;', async () => {
    const diff = await patchOf('kernel/series/memory-tiers-6.0.patch', 'Memory tiers and demotion');
    const h = diff.files.find((f) => f.path === 'include/linux/mmzone.h')!.hunks[0];
    expect(h.heading).toBe('typedef struct pglist_data {');
    expect(changed(h).map((r) => r[2])).toEqual(['struct pglist_data', 'struct pglist_data', 'struct pglist_data']);
  });

  it('a new function inside a hunk becomes the heading of the lines after it', async () => {
    const diff = await patchOf('kernel/series/memory-tiers-6.0.patch', 'Memory tiers and demotion');
    const h = diff.files.find((f) => f.path === 'mm/memory-tiers.c')!.hunks[0];
    const rows = changed(h);
    const row = rows.find((r) => r[1] === 'pgdat = NODE_DATA(node);')!;
    expect(row[3]).toMatch(/^static .*\(int node\)$/);
    expect(row[2]).toBe('');
  });
});

describe('enclosing definitions on written hunks', () => {
  it('K&R brace on the next line, braces in strings, a label at column 0', () => {
    const h = hunkOf(`diff --git a/x.c b/x.c
--- a/x.c
+++ b/x.c
@@ -1,3 +1,12 @@ int x;
 int y;
+struct widget
+{
+	char *name; /* "{" */
+};
+static int f(void)
+{
+out:
+	return '{';
+}
 int z;
 int w;
`);
    expect(changed(h)).toEqual([
      ['+', 'struct widget', '', 'int y;'],
      ['+', '{', 'struct widget', 'struct widget'],
      ['+', 'char *name; /* "{" */', 'struct widget', 'struct widget'],
      ['+', '};', 'struct widget', 'struct widget'],
      ['+', 'static int f(void)', '', 'struct widget'],
      ['+', '{', '', 'static int f(void)'],
      ['+', 'out:', '', 'static int f(void)'],
      ['+', "return '{';", '', 'static int f(void)'],
      ['+', '}', '', 'static int f(void)'],
    ]);
  });

  it('old and new sides are tracked apart', () => {
    const h = hunkOf(`diff --git a/x.h b/x.h
--- a/x.h
+++ b/x.h
@@ -1,4 +1,4 @@
-struct old_name {
+union new_name {
 	int a;
-	int b;
+	long b;
 };
`);
    expect(changed(h).map((r) => [r[0], r[2]])).toEqual([
      ['-', 'struct old_name'],
      ['+', 'union new_name'],
      ['-', 'struct old_name'],
      ['+', 'union new_name'],
    ]);
  });
});
