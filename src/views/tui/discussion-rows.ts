// The discussion of a series as rows: each sub-thread (state, who opened it, on what, how big, who
// is expected to answer, its gist), then the people and, per touched section, who spoke and who is
// silent. Enter on a sub-thread opens the thread view at its first message.
import type { ReviewSeries } from '../../model/review.js';
import type { Discussion } from '../../model/discussion.js';
import type { TuiData } from './data.js';
import { memoRows, row, seg, type Row } from './rows.js';
import { cell, clean, clip, displayWidth, shortDate } from './text.js';
import { STATE_TAG } from './thread-rows.js';

const ROLE_LETTER = { maintainer: 'M', reviewer: 'R' } as const;

function span(first: string | null, last: string | null): string {
  const a = shortDate(first).slice(0, 10) || 'undated';
  const b = shortDate(last).slice(0, 10) || a;
  return a === b ? a : `${a} – ${b}`;
}

function names(d: Discussion): (id: string) => string {
  const m = new Map(d.people.map((p) => [p.id, p.name]));
  return (id) => clean(m.get(id) ?? id);
}

function build(_data: TuiData, s: ReviewSeries, width: number): Row[] {
  const d = s.discussion;
  const rows: Row[] = [];
  if (!d) return [row('dim', 'no discussion data')];
  const name = names(d);
  const authors = new Set(d.people.filter((p) => p.author).map((p) => p.id));
  rows.push(row('key', cell(d.subThreads.length ? 'Sub-threads (enter: open in the thread view)' : 'No replies yet.', width)));
  d.subThreads.forEach((st, i) => {
    const [tag, role] = STATE_TAG[st.state];
    const on = st.target.patch === 0 ? 'cover' : `patch ${st.target.patch}/${s.total}`;
    // Who owes an answer: the author first (for the reviewers waiting on them), then the reviewers.
    const fromReviewers = st.pending.filter((p) => !authors.has(p.from)).flatMap((p) => p.waitingFor);
    const fromAuthor = st.pending.filter((p) => authors.has(p.from)).flatMap((p) => p.waitingFor);
    const due = [...new Set([...fromReviewers, ...fromAuthor])].map(name);
    const wait = st.state === 'settled' ? '' : ` · answer due from ${due.length ? due.join(', ') : 'any reviewer'}`;
    const head = `${String(i + 1).padStart(3)} `;
    const rest = ` ${name(st.opener)} · ${on} · ${st.messages} msg${st.messages === 1 ? '' : 's'} · ${span(st.first, st.last)}${wait}`;
    const room = Math.max(4, width - displayWidth(head) - displayWidth(tag));
    rows.push({ segs: [seg('meta', head), seg(role, tag), seg('ctx', clip(rest, room))], msgid: st.id, target: 'comment' });
    const gist = st.gist ? clean(st.gist) : '(quotes only)';
    rows.push({ segs: [seg('dim', '      '), seg('comment', clip(gist, Math.max(4, width - 6)))], msgid: st.id });
  });
  const speakers = d.people.filter((p) => p.messages > 0);
  if (speakers.length) {
    rows.push(row('ctx', ''), row('key', cell(`People (${speakers.length})`, width)));
    for (const p of speakers) {
      const roles = p.roles.map((r) => `${ROLE_LETTER[r.role]} ${r.section}${r.matchedBy === 'email' ? '' : ` (${r.matchedBy === 'mailmap' ? 'by .mailmap' : 'by name'})`}`);
      const text = `  ${clean(p.name)}${p.author ? ' (author)' : ''} · ${p.messages} message${p.messages === 1 ? '' : 's'} in ${p.subThreads} sub-thread${p.subThreads === 1 ? '' : 's'}${roles.length ? ` · ${roles.join('; ')}` : ''}`;
      rows.push(row(p.roles.length ? 'ok' : 'ctx', cell(text, width)));
    }
  }
  if (d.sections.length) {
    rows.push(row('ctx', ''), row('key', cell('MAINTAINERS sections: who spoke, who is silent', width)));
    for (const v of d.sections) {
      const spoke = v.spoke.map((x) => `${name(x.person)} (${ROLE_LETTER[x.role]})`).join(', ');
      const silent = v.silent.map((x) => `${clean(x.name || x.email)} (${ROLE_LETTER[x.role]})`).join(', ');
      rows.push({ segs: [seg('meta', cell(`  ${clean(v.name)}: `, width)), seg(spoke ? 'ok' : 'dim', clip(spoke ? `spoke ${spoke}` : 'nobody spoke', Math.max(4, width - displayWidth(v.name) - 4)))] });
      if (silent) rows.push(row('dim', cell(`      silent: ${silent}`, width)));
    }
  }
  return rows;
}

export const discussionRows = memoRows(build);

/** The overview pane's line about the sub-threads on the cover letter (patch 0) or a patch, or none. */
export function discussionDetail(s: ReviewSeries, patch: number, width: number): Row[] {
  const d = s.discussion;
  if (!d) return [];
  const here = d.subThreads.filter((st) => st.target.patch === patch);
  if (!here.length) return [];
  const n = (st: string) => here.filter((x) => x.state === st).length;
  const people = new Set(here.flatMap((st) => st.participants.map((p) => p.id))).size;
  const text = `Discussion (d): ${here.length} sub-thread${here.length === 1 ? '' : 's'} here, ${n('waiting-author')} waiting for the author, ${n('waiting-reviewer')} for a reviewer, ${n('settled')} settled; ${people} people`;
  return [row(n('waiting-author') ? 'warn' : 'comment', cell(text, width))];
}
