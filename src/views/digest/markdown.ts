// The reviewer digest as Markdown: readable as plain text in a terminal or a mail, and as rendered
// Markdown on a forge. Pure function of the digest data.
import type { SeriesDigest } from '../../review/digest.js';
import type { SinceDigest, SinceEntry } from '../../review/since.js';
import { joined } from '../chunks.js';
import { MESSAGE_PATH } from '../../review/interdiff.js';
import { loreUrl } from '../../review/links.js';
import { block, fenceFor, md } from './escape.js';
import { discussionMd, peopleMd } from './discussion-md.js';
import { sectionVoices, summaryLine, VOICES_NOTE } from './discussion-labels.js';
import { patchTitle, previousLine, sinceLabel, versionTitle } from './since-text.js';
import { actionsShort, CELL_MARK, CHANGE_WORD, COVERAGE_WORD, day, patchLabel, person, scopeLine, shortPerson, STATUS_WORD } from './labels.js';

const link = (text: string, url: string) => `[${md(text)}](${url})`;

function summary(d: SeriesDigest): string[] {
  const s = d.summary;
  const c = s.counts;
  const tag = `${s.rfc ? 'RFC ' : ''}v${s.version}`;
  const versions = s.versions.map((v) => {
    const renamed = versionTitle(v.title, s.title);
    const when = `(${day(v.date)}${renamed ? `, “${md(renamed)}”` : ''})`;
    return v.id === s.seriesId ? `**v${v.version}** ${when}` : `${link(`v${v.version}`, v.url)} ${when}`;
  }).join(', ');
  return [
    `# ${md(s.title)} (${tag})`,
    '',
    `- Author: ${md(person(s.author))}`,
    `- Posted: ${day(s.posted)}; last message: ${day(s.lastActivity)}; ${link('thread on lore', s.url)}`,
    `- Versions: ${versions}`,
    `- Lists: ${s.lists.length ? s.lists.map(md).join(', ') : 'none found in To/Cc'}`,
    ...(s.baseCommit ? [`- Base commit: ${md(s.baseCommit)}`] : []),
    `- ${c.patches} patches${c.missingPatches ? ` (${c.missingPatches} missing)` : ''}, ${c.replies} replies, ${c.reviewTrailers} review trailers from ${c.reviewers} people, ` +
      `${c.comments} review comments on this version, ${c.openFeedback} open, ${c.findings} findings, ${c.missingCc} missing Cc`,
    `- Discussion: ${summaryLine(d.discussion)}`,
    '',
  ];
}

function coverage(d: SeriesDigest): string[] {
  const total = d.summary.counts.patches;
  const out = ['## Ownership × review', ''];
  const cov = d.coverage;
  if (!cov.sections.length) {
    out.push('No MAINTAINERS sections (run with `--maintainers FILE` or `--tree DIR`).', '');
  } else {
    const cols = cov.patches.map((p) => p.patch);
    out.push(`| Section | Status | ${cols.map((i) => patchLabel(i, total)).join(' | ')} | Who reviewed |`);
    out.push(`|---|---|${cols.map(() => ':-:').join('|')}|---|`);
    for (const s of cov.sections) {
      const cells = cols.map((i) => {
        const c = s.cells.find((x) => x.patch === i);
        return c ? CELL_MARK[c.status] : ' ';
      });
      const who = [...new Set(s.cells.flatMap((c) => c.people.filter((x) => x.actions.length).map((x) => `${shortPerson(x)}${x.matchedBy === 'name' ? ' (matched by name)' : ''}`)))];
      const others = s.others.map((o) => `${shortPerson(o)} (not listed)`);
      out.push(`| ${md(s.name)} | ${COVERAGE_WORD[s.coverage]} | ${cells.join(' | ')} | ${[...who, ...others].map(md).join(', ') || '—'} |`);
    }
    out.push('', `${CELL_MARK.reviewed} review trailer from a listed maintainer/reviewer, ${CELL_MARK.commented} comment on the diff, ${CELL_MARK.replied} other reply, ${CELL_MARK.none} nothing yet; blank: the patch does not touch the section.`, '');
    for (const s of cov.sections) {
      const people = [...s.maintainers.map((a) => `${shortPerson(a)} (M)`), ...s.reviewers.map((a) => `${shortPerson(a)} (R)`)];
      const v = people.length ? sectionVoices(d.discussion, s.name) : null;
      const who = v ? `spoke: ${v.spoke.map(md).join(', ') || 'nobody'}; silent: ${v.silent.map(md).join(', ') || 'nobody'}` : people.length ? people.map(md).join(', ') : 'no M:/R: people';
      out.push(`- **${md(s.name)}**${s.status ? ` (${md(s.status)})` : ''}: ${who}`);
    }
    if (d.discussion.sections.length) out.push('', VOICES_NOTE);
    for (const n of cov.nameMatches) out.push(`- Note: ${md(person(n.actedAs))} was matched to ${md(person(n.listed))} (${md(n.section)}) by name only.`);
    out.push('');
  }
  out.push('### Review activity per patch', '', '| Patch | Title | Sections | Activity |', '|---|---|---|---|');
  for (const p of cov.patches) {
    const acts = p.people.map((x) => `${shortPerson(x)}${x.role ? ` (${x.role})` : ''}: ${actionsShort(x.actions)}`);
    out.push(`| ${patchLabel(p.patch, total)} | ${md(p.title)} | ${p.sections.map(md).join(', ') || '—'} | ${acts.map(md).join('; ') || 'none'} |`);
  }
  out.push('');
  return out;
}

function trailers(d: SeriesDigest): string[] {
  const total = d.summary.counts.patches;
  const shown = d.trailers.filter((t) => t.givenOn === null || t.scope.text);
  const out = ['## Cover-letter and scoped trailers', ''];
  if (!shown.length) return [...out, 'None.', ''];
  for (const t of shown) {
    const scope = t.scope.text ? ` ${md(t.scope.text)}` : '';
    const ignored = t.applied ? '' : ` (not applied: ${md(t.note ?? 'address differs from the sender')})`;
    out.push(`- ${md(`${t.name}: ${t.value}`)}${scope} → ${md(scopeLine(t, total))}${ignored} — ${link('message', loreUrl(t.fromMsgid))}`);
  }
  out.push('');
  return out;
}

function changes(d: SeriesDigest): string[] {
  const ch = d.changes;
  if (!ch) return ['## Changes since the previous version', '', 'First version.', ''];
  const total = d.summary.counts.patches;
  const out = [`## Changes since ${md(sinceLabel(d))}`, ''];
  const found = previousLine(d);
  if (found) out.push(md(found), '');
  if (d.changesNote) out.push(`Note: ${md(d.changesNote)}`, '');
  const c = ch.counts;
  out.push(`${c.unchanged} unchanged, ${c.changed} changed, ${c.new} new, ${c.dropped} dropped (compared by ${ch.method === 'range-diff' ? 'git range-diff' : 'patch-id and subject, from the mail'}).`, '');
  out.push(`| v${ch.older.version} | v${ch.newer.version} | Change | Title |`, '|---|---|---|---|');
  for (const p of ch.patches) {
    const what = p.kind === 'changed' || p.kind === 'unchanged' ? `${CHANGE_WORD[p.kind]}${p.messageChanged ? ' (commit message too)' : ''}` : CHANGE_WORD[p.kind];
    out.push(`| ${p.older ? patchLabel(p.older.index, ch.older.total) : '—'} | ${p.newer ? patchLabel(p.newer.index, total) : '—'} | ${what} | ${md(patchTitle(p))} |`);
  }
  out.push('');
  for (const p of ch.patches.filter((x) => x.kind === 'changed' && x.interdiff.length)) {
    out.push(`### Interdiff of ${patchLabel(p.newer!.index, total)}: ${md(p.newer!.title)}`, '');
    const lines: string[] = [];
    for (const f of p.interdiff) {
      lines.push(`## ${f.path === MESSAGE_PATH ? 'Commit message' : f.path}`);
      for (const [i, h] of f.hunks.entries()) {
        if (h.oldStart) lines.push(`@@ -${h.oldStart} +${h.newStart} @@`);
        else if (i > 0) lines.push('@@');
        for (const l of h.lines) lines.push(`${l.op}${l.text}`);
      }
    }
    const text = block(lines.join('\n'));
    const fence = fenceFor(text);
    out.push(`${fence}diff`, text, fence, '');
  }
  return out;
}

function findings(d: SeriesDigest): string[] {
  const out = ['## Findings by rule', ''];
  if (!d.findings.length) return [...out, 'None (or the rules were not run).', ''];
  const total = d.summary.counts.patches;
  for (const g of d.findings) {
    out.push(`### [${g.severity}] ${md(g.ruleId)}: ${md(g.title)} (${g.findings.length})`, '', md(g.rationale), '');
    for (const f of g.findings) {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : 'series';
      out.push(`- ${patchLabel(f.patchIndex, total)} ${md(where)}: ${md(f.message)}${f.text ? ` — ${md(f.text.trim())}` : ''}`);
    }
    out.push('');
  }
  return out;
}

function feedback(d: SeriesDigest): string[] {
  const out = ['## Review feedback', ''];
  if (!d.feedback.length) return [...out, 'No review comments that quote the diff.', ''];
  const order = { open: 0, answered: 1, resolved: 2 };
  for (const f of [...d.feedback].sort((a, b) => order[a.status] - order[b.status] || b.version - a.version)) {
    const first = f.excerpt.split('\n')[0] ?? '';
    out.push(`- **${STATUS_WORD[f.status]}** v${f.version} patch ${f.patch}, ${md(f.file)}:${f.line}, ${md(shortPerson(f.reviewer))}: “${md(first)}” — ${link('message', f.url)}`);
    out.push(`  - ${md(f.why)}`);
  }
  out.push('');
  return out;
}

function missingCc(d: SeriesDigest): string[] {
  const out = ['## Missing Cc', ''];
  if (!d.missingCc.length) return [...out, d.coverage.sections.length ? 'None: every patch reached the people and lists MAINTAINERS asks for.' : 'Not checked (no MAINTAINERS).', ''];
  const total = d.summary.counts.patches;
  for (const m of d.missingCc) {
    const who = m.missing.map((r) => `${r.name ? `${r.name} <${r.email}>` : r.email} (${r.role}, ${r.section})`);
    out.push(`- ${patchLabel(m.patch, total)} ${md(m.title)}: ${who.map(md).join('; ')}`);
  }
  out.push('');
  return out;
}

/** One series' digest: the part renderMarkdown gives it. */
export function digestMarkdown(d: SeriesDigest): string {
  return [...summary(d), ...discussionMd(d), ...peopleMd(d), ...coverage(d), ...trailers(d), ...changes(d), ...findings(d), ...feedback(d), ...missingCc(d)].join('\n');
}

/** The digests' parts (digestMarkdown), in order, as one document. */
export function markdownChunks<T extends string | Buffer>(parts: Iterable<T>): Generator<T | string> {
  return joined(parts, '\n---\n\n', 'No patch series found.\n');
}

export function renderMarkdown(digests: SeriesDigest[]): string {
  return [...markdownChunks(digests.map(digestMarkdown))].join('');
}

/** One entry of the `--since` list. */
export function sinceEntryMarkdown(e: SinceEntry): string {
  const out: string[] = [];
  const d = e.digest;
  const sm = d.summary;
  const c = sm.counts;
  out.push(`## ${md(sm.title)} (${sm.rfc ? 'RFC ' : ''}v${sm.version})`, '');
  out.push(`${md(shortPerson(sm.author))}, ${e.postedInWindow ? `posted ${day(sm.posted)}` : `posted earlier (${day(sm.posted)})`}, ${e.messagesInWindow} messages in the window, last ${day(e.lastInWindow)} — ${link('lore', sm.url)}`, '');
  const cov = d.coverage.sections.map((x) => `${md(x.name)}: ${COVERAGE_WORD[x.coverage]}`);
  if (cov.length) out.push(`- Coverage: ${cov.join('; ')}`);
  out.push(`- ${c.patches} patches, ${c.reviewTrailers} review trailers, ${c.openFeedback} open comment${c.openFeedback === 1 ? '' : 's'}, ${c.findings} findings, ${c.missingCc} missing Cc`);
  if (c.subThreads) out.push(`- Discussion: ${summaryLine(d.discussion)}`);
  const scoped = d.trailers.filter((t) => t.givenOn === null && t.scope.narrowed);
  for (const t of scoped) out.push(`- ${md(`${t.name}: ${shortPerson(t.person ?? t.sender)}`)} → ${md(scopeLine(t, c.patches))}`);
  if (d.changes) {
    const k = d.changes.counts;
    out.push(`- Since ${md(sinceLabel(d))}: ${k.unchanged} unchanged, ${k.changed} changed, ${k.new} new, ${k.dropped} dropped`);
  }
  for (const f of d.feedback.filter((x) => x.status === 'open').slice(0, 5)) out.push(`- Open: ${md(shortPerson(f.reviewer))} on v${f.version} patch ${f.patch}, ${md(f.file)} — ${link('message', f.url)}`);
  out.push('');
  return out.join('\n');
}

/** `--since`: a heading, then the entries (sinceEntryMarkdown) newest activity first. */
export function* markdownSinceChunks<T extends string | Buffer>(window: Pick<SinceDigest, 'since' | 'until'>, entries: Iterable<T>): Generator<T | string> {
  yield `# Series posted or discussed ${day(window.since)} – ${day(window.until)}\n`;
  let n = 0;
  for (const e of entries) {
    n++;
    yield '\n';
    yield e;
  }
  if (!n) yield '\nNothing in this window.';
}

export function renderMarkdownSince(s: SinceDigest): string {
  return [...markdownSinceChunks(s, s.entries.map(sinceEntryMarkdown))].join('');
}
