// The reviewer digest as one self-contained HTML file: inline CSS, no scripts, no remote assets,
// a Content-Security-Policy that forbids them anyway, and every piece of mail text escaped.
import type { SeriesDigest } from '../../review/digest.js';
import type { SinceDigest, SinceEntry } from '../../review/since.js';
import { joined } from '../chunks.js';
import { MESSAGE_PATH } from '../../review/interdiff.js';
import { loreUrl } from '../../review/links.js';
import { href, html as h } from './escape.js';
import { actionsShort, CELL_MARK, CELL_WORD, CHANGE_WORD, COVERAGE_WORD, day, patchLabel, person, scopeLine, shortPerson, STATUS_WORD } from './labels.js';
import { DIGEST_CSS } from './style.js';
import { discussionHtml, peopleHtml } from './discussion-html.js';
import { sectionVoices, summaryLine, VOICES_NOTE } from './discussion-labels.js';
import { patchTitle, previousLine, sinceLabel, versionTitle } from './since-text.js';

const a = (text: string, url: string) => `<a href="${href(url)}" rel="noreferrer">${h(text)}</a>`;
const st = (cls: string, text: string) => `<span class="st st-${cls}">${h(text)}</span>`;

/** The page around a body written in parts: everything before the body, and after it. */
function pageHead(title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(title)}</title>`,
    `<style>${DIGEST_CSS}</style>`,
    '</head><body><main>',
    '',
  ].join('\n');
}

const PAGE_FOOT = [
  '',
  '<p class="muted">Made by lorescope from the mail alone; MAINTAINERS and rules as given on its command line.</p>',
  '</main></body></html>',
  '',
].join('\n');

function summary(d: SeriesDigest): string {
  const s = d.summary;
  const c = s.counts;
  const versions = s.versions.map((v) => {
    const renamed = versionTitle(v.title, s.title);
    const when = `(${day(v.date)}${renamed ? `, “${h(renamed)}”` : ''})`;
    return v.id === s.seriesId ? `<b>v${v.version}</b> ${when}` : `${a(`v${v.version}`, v.url)} ${when}`;
  }).join(', ');
  const facts: [string, string][] = [
    ['Author', h(person(s.author))],
    ['Posted', `${day(s.posted)} · last message ${day(s.lastActivity)} · ${a('thread on lore', s.url)}`],
    ['Versions', versions],
    ['Lists', s.lists.length ? s.lists.map(h).join(', ') : 'none found in To/Cc'],
  ];
  if (s.baseCommit) facts.push(['Base', `<code>${h(s.baseCommit)}</code>`]);
  const counts: [number, string][] = [
    [c.patches, 'patches'],
    [c.replies, 'replies'],
    [c.reviewTrailers, 'review trailers'],
    [c.reviewers, 'people reviewing'],
    [c.comments, 'review comments'],
    [c.openFeedback, 'open'],
    [c.findings, 'findings'],
    [c.missingCc, 'missing Cc'],
    [c.subThreads, 'sub-threads'],
    [c.waitingAuthor, 'waiting for the author'],
    [c.waitingReviewer, 'waiting for a reviewer'],
    [c.participants, 'people took part'],
  ];
  return [
    '<header>',
    `<h1>${h(s.title)} <span class="tag">${s.rfc ? 'RFC ' : ''}v${s.version}</span></h1>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    `<ul class="counts">${counts.map(([n, w]) => `<li><b>${n}</b> ${w}</li>`).join('')}</ul>`,
    '</header>',
  ].join('\n');
}

function coverage(d: SeriesDigest): string {
  const total = d.summary.counts.patches;
  const cov = d.coverage;
  const out = ['<section id="coverage"><h2>Ownership × review</h2>'];
  if (!cov.sections.length) out.push('<p>No MAINTAINERS sections (run with <code>--maintainers FILE</code> or <code>--tree DIR</code>).</p>');
  else {
    const cols = cov.patches.map((p) => p.patch);
    out.push('<div class="scroll"><table class="matrix"><thead><tr><th class="sec">Section / patch</th>');
    out.push(cols.map((i) => `<th class="c">${i}</th>`).join(''), '</tr></thead><tbody>');
    for (const s of cov.sections) {
      const cells = cols.map((i) => {
        const c = s.cells.find((x) => x.patch === i);
        return c ? `<td class="c c-${c.status}" title="${CELL_WORD[c.status]}">${CELL_MARK[c.status]}</td>` : '<td class="c"></td>';
      });
      out.push(`<tr><th class="sec">${h(s.name)}<br>${st(s.coverage, COVERAGE_WORD[s.coverage])}</th>${cells.join('')}</tr>`);
    }
    out.push('</tbody></table></div>');
    out.push(`<p class="legend">${CELL_MARK.reviewed} review trailer from a listed maintainer or reviewer · ${CELL_MARK.commented} comment on the diff · ${CELL_MARK.replied} other reply · ${CELL_MARK.none} nothing yet · blank: not touched.</p>`);
    out.push('<ul class="items">');
    for (const s of cov.sections) {
      const people = [...s.maintainers.map((x) => `${shortPerson(x)} (M)`), ...s.reviewers.map((x) => `${shortPerson(x)} (R)`)];
      const did = [...new Set(s.cells.flatMap((c) => c.people.filter((x) => x.actions.length).map((x) => `${shortPerson(x)}${x.matchedBy === 'name' ? ' (matched by name)' : ''}`)))];
      const others = s.others.map((o) => `${shortPerson(o)} on ${o.patches.map((p) => patchLabel(p, total)).join(', ')}`);
      const v = people.length ? sectionVoices(d.discussion, s.name) : null;
      const who = v
        ? `<br><span class="${v.spoke.length ? 'spoke' : 'muted'}">Spoke: ${h(v.spoke.join(', ') || 'nobody')}</span><br><span class="muted">Silent: ${h(v.silent.join(', ') || 'nobody')}</span>`
        : `<br><span class="muted">${h(people.join(', ') || 'no M:/R: people')}</span>`;
      out.push(
        `<li><b>${h(s.name)}</b> ${st(s.coverage, COVERAGE_WORD[s.coverage])}${who}` +
          `${did.length ? `<br>Reviewed by: ${h(did.join(', '))}` : ''}${others.length ? `<br>From people not listed here: ${h(others.join('; '))}` : ''}</li>`,
      );
    }
    out.push('</ul>');
    if (d.discussion.sections.length) out.push(`<p class="legend">${h(VOICES_NOTE)}</p>`);
    for (const n of cov.nameMatches) out.push(`<p class="muted">${h(person(n.actedAs))} was matched to ${h(person(n.listed))} (${h(n.section)}) by name only.</p>`);
  }
  out.push('<h3>Review activity per patch</h3><ul class="items">');
  for (const p of cov.patches) {
    const acts = p.people.map((x) => `${shortPerson(x)}${x.role ? ` (${x.role})` : ''}: ${actionsShort(x.actions)}`);
    out.push(
      `<li><b>${patchLabel(p.patch, total)}</b> ${a(p.title, loreUrl(p.msgid))}` +
        `${p.sections.length ? `<br><span class="muted">${h(p.sections.join(', '))}</span>` : ''}<br>${acts.length ? h(acts.join('; ')) : '<span class="st st-none">no review yet</span>'}</li>`,
    );
  }
  out.push('</ul></section>');
  return out.join('\n');
}

function trailers(d: SeriesDigest): string {
  const total = d.summary.counts.patches;
  const shown = d.trailers.filter((t) => t.givenOn === null || t.scope.text);
  const out = ['<section id="trailers"><h2>Cover-letter and scoped trailers</h2>'];
  if (!shown.length) out.push('<p>None.</p>');
  else {
    out.push('<ul class="items">');
    for (const t of shown) {
      const scope = t.scope.text ? ` <code>${h(t.scope.text)}</code>` : '';
      const ignored = t.applied ? '' : ` ${st('none', 'not applied')} ${h(t.note ?? '')}`;
      out.push(`<li>${h(`${t.name}: ${t.value}`)}${scope}<br>→ ${h(scopeLine(t, total))}${ignored} · ${a('message', loreUrl(t.fromMsgid))}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function interdiffPre(lines: { cls: string; text: string }[]): string {
  return `<pre>${lines.map((l) => (l.cls ? `<span class="${l.cls}">${h(l.text)}</span>` : h(l.text))).join('\n')}</pre>`;
}

function changes(d: SeriesDigest): string {
  const ch = d.changes;
  const out = ['<section id="changes">'];
  if (!ch) return '<section id="changes"><h2>Changes since the previous version</h2><p>First version.</p></section>';
  const total = d.summary.counts.patches;
  const c = ch.counts;
  out.push(`<h2>Changes since ${h(sinceLabel(d))}</h2>`);
  const found = previousLine(d);
  if (found) out.push(`<p>${h(found)}</p>`);
  if (d.changesNote) out.push(`<p class="muted">${h(d.changesNote)}</p>`);
  out.push(`<p>${c.unchanged} unchanged, ${c.changed} changed, ${c.new} new, ${c.dropped} dropped <span class="muted">(by ${ch.method === 'range-diff' ? 'git range-diff' : 'patch-id and subject, from the mail'})</span></p>`);
  out.push(`<div class="scroll"><table><thead><tr><th class="n">v${ch.older.version}</th><th class="n">v${ch.newer.version}</th><th>Change</th><th>Title</th></tr></thead><tbody>`);
  for (const p of ch.patches) {
    const extra = p.messageChanged && (p.kind === 'changed' || p.kind === 'unchanged') ? ' <span class="muted">(message too)</span>' : '';
    out.push(`<tr><td class="n">${p.older ? patchLabel(p.older.index, ch.older.total) : '—'}</td><td class="n">${p.newer ? patchLabel(p.newer.index, total) : '—'}</td><td>${st(p.kind, CHANGE_WORD[p.kind])}${extra}</td><td>${h(patchTitle(p))}</td></tr>`);
  }
  out.push('</tbody></table></div>');
  for (const p of ch.patches.filter((x) => x.kind === 'changed' && x.interdiff.length)) {
    out.push(`<h3>Interdiff of ${patchLabel(p.newer!.index, total)}: ${h(p.newer!.title)}</h3>`);
    const lines: { cls: string; text: string }[] = [];
    for (const f of p.interdiff) {
      lines.push({ cls: 'hdr', text: `## ${f.path === MESSAGE_PATH ? 'Commit message' : f.path}` });
      for (const [i, hk] of f.hunks.entries()) {
        if (hk.oldStart) lines.push({ cls: 'hdr', text: `@@ -${hk.oldStart} +${hk.newStart} @@` });
        else if (i > 0) lines.push({ cls: 'hdr', text: '@@' });
        for (const l of hk.lines) lines.push({ cls: l.op === '+' ? 'add' : l.op === '-' ? 'del' : '', text: `${l.op}${l.text}` });
      }
    }
    out.push(interdiffPre(lines));
  }
  out.push('</section>');
  return out.join('\n');
}

function findings(d: SeriesDigest): string {
  const out = ['<section id="findings"><h2>Findings by rule</h2>'];
  if (!d.findings.length) out.push('<p>None (or the rules were not run).</p>');
  const total = d.summary.counts.patches;
  for (const g of d.findings) {
    out.push(`<h3><span class="sev-${g.severity}">[${g.severity}]</span> <code>${h(g.ruleId)}</code> ${h(g.title)} (${g.findings.length})</h3>`);
    out.push(`<p class="why">${h(g.rationale)}${g.link ? ` · ${a('more', g.link)}` : ''}</p><ul class="items">`);
    for (const f of g.findings) {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : 'series';
      out.push(`<li><b>${patchLabel(f.patchIndex, total)}</b> <code>${h(where)}</code>: ${h(f.message)}${f.text ? `<br><code>${h(f.text.trim())}</code>` : ''}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function feedback(d: SeriesDigest): string {
  const out = ['<section id="feedback"><h2>Review feedback</h2>'];
  if (!d.feedback.length) out.push('<p>No review comments that quote the diff.</p>');
  else {
    const order = { open: 0, answered: 1, resolved: 2 };
    out.push('<ul class="items">');
    for (const f of [...d.feedback].sort((x, y) => order[x.status] - order[y.status] || y.version - x.version)) {
      out.push(
        `<li>${st(f.status, STATUS_WORD[f.status])} v${f.version} patch ${f.patch} <code>${h(f.file)}:${f.line}</code> · ${h(shortPerson(f.reviewer))} · ${a('message', f.url)}` +
          `<blockquote>${h(f.excerpt.split('\n').slice(0, 3).join('\n'))}</blockquote><span class="why">${h(f.why)}</span></li>`,
      );
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function missingCc(d: SeriesDigest): string {
  const out = ['<section id="missing-cc"><h2>Missing Cc</h2>'];
  const total = d.summary.counts.patches;
  if (!d.missingCc.length) out.push(`<p>${d.coverage.sections.length ? 'None: every patch reached the people and lists MAINTAINERS asks for.' : 'Not checked (no MAINTAINERS).'}</p>`);
  else {
    out.push('<ul class="items">');
    for (const m of d.missingCc) {
      const who = m.missing.map((r) => `${r.name ? `${r.name} <${r.email}>` : r.email} (${r.role}, ${r.section})`);
      out.push(`<li><b>${patchLabel(m.patch, total)}</b> ${h(m.title)}<br>${h(who.join('; '))}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** One series' digest: the article renderHtml gives it. */
export function digestArticle(d: SeriesDigest): string {
  return `<article>\n${summary(d)}\n${discussionHtml(d)}\n${peopleHtml(d)}\n${coverage(d)}\n${trailers(d)}\n${changes(d)}\n${findings(d)}\n${feedback(d)}\n${missingCc(d)}\n</article>`;
}

/** The page of `count` digests (the first titled `first`) from their articles (digestArticle), in order. */
export function* htmlChunks<T extends string | Buffer>(count: number, first: string, articles: Iterable<T>): Generator<T | string> {
  if (!count) {
    yield `${pageHead('lorescope digest')}<p>No patch series found.</p>${PAGE_FOOT}`;
    return;
  }
  yield pageHead(count === 1 ? `Digest: ${first}` : `Digest: ${count} series`);
  yield* joined(articles, '\n<hr>\n');
  yield PAGE_FOOT;
}

export function renderHtml(digests: SeriesDigest[]): string {
  return [...htmlChunks(digests.length, digests[0]?.summary.title ?? '', digests.map(digestArticle))].join('');
}

/** One entry of the `--since` list. */
export function sinceEntryHtml(e: SinceEntry): string {
  const out: string[] = [];
  const d = e.digest;
  const sm = d.summary;
  const c = sm.counts;
  out.push(`<article><h2>${a(sm.title, sm.url)} <span class="tag">${sm.rfc ? 'RFC ' : ''}v${sm.version}</span></h2>`);
  out.push(`<p class="muted">${h(shortPerson(sm.author))} · ${e.postedInWindow ? `posted ${day(sm.posted)}` : `posted earlier (${day(sm.posted)})`} · ${e.messagesInWindow} messages in the window, last ${day(e.lastInWindow)}</p><ul class="items">`);
  if (d.coverage.sections.length) out.push(`<li>${d.coverage.sections.map((x) => `${h(x.name)} ${st(x.coverage, COVERAGE_WORD[x.coverage])}`).join(' · ')}</li>`);
  out.push(`<li>${c.patches} patches, ${c.reviewTrailers} review trailers, ${c.openFeedback} open comment${c.openFeedback === 1 ? '' : 's'}, ${c.findings} findings, ${c.missingCc} missing Cc</li>`);
  if (c.subThreads) out.push(`<li>Discussion: ${h(summaryLine(d.discussion))}</li>`);
  for (const t of d.trailers.filter((x) => x.givenOn === null && x.scope.narrowed)) out.push(`<li>${h(`${t.name}: ${shortPerson(t.person ?? t.sender)}`)} → ${h(scopeLine(t, c.patches))}</li>`);
  if (d.changes) {
    const k = d.changes.counts;
    out.push(`<li>Since ${h(sinceLabel(d))}: ${k.unchanged} unchanged, ${k.changed} changed, ${k.new} new, ${k.dropped} dropped</li>`);
  }
  for (const f of d.feedback.filter((x) => x.status === 'open').slice(0, 5)) out.push(`<li>${st('open', 'open')} ${h(shortPerson(f.reviewer))} on v${f.version} patch ${f.patch} <code>${h(f.file)}</code> · ${a('message', f.url)}</li>`);
  out.push('</ul></article>');
  return out.join('\n');
}

/** `--since`: one short entry per series (sinceEntryHtml), newest activity first. */
export function* htmlSinceChunks<T extends string | Buffer>(window: Pick<SinceDigest, 'since' | 'until'>, entries: Iterable<T>): Generator<T | string> {
  yield pageHead(`Series ${day(window.since)} – ${day(window.until)}`);
  yield `<h1>Series posted or discussed ${day(window.since)} – ${day(window.until)}</h1>`;
  let n = 0;
  for (const e of entries) {
    n++;
    yield '\n';
    yield e;
  }
  if (!n) yield '\n<p>Nothing in this window.</p>';
  yield PAGE_FOOT;
}

export function renderHtmlSince(s: SinceDigest): string {
  return [...htmlSinceChunks(s, s.entries.map(sinceEntryHtml))].join('');
}
