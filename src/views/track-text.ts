// `lorescope track list` and `track show` for people: the morning table (series, state, who, last
// activity, waiting for) and one series in detail. Everything shown came from mail or from other
// reviewers: sanitised, one line per cell.
import type { Person, ReviewerStanding, SeriesDetail, TrackRow } from '../state/types.js';
import { sanitizeLine } from '../util/sanitize.js';

/** `2024-03-14 20:30` (UTC), or `-`. */
export function shortTime(iso: string | null): string {
  if (!iso) return '-';
  return iso.slice(0, 16).replace('T', ' ');
}

function cell(text: string, width: number): string {
  const t = sanitizeLine(text);
  const chars = [...t];
  if (chars.length <= width) return t + ' '.repeat(width - chars.length);
  return chars.slice(0, width - 1).join('') + '…';
}

/** A person as a reviewer sees them in a table: the name, else the address. */
export function who(p: Person): string {
  return sanitizeLine(p.name || p.email);
}

function standing(s: ReviewerStanding, total: number): string {
  const parts = [s.state === 'waiting' && s.waitingFor ? `waiting for ${s.waitingFor}` : s.state];
  if (s.marked.length) parts.push(`${s.marked.length}/${total} marked`);
  if (s.partsDone.length) parts.push(`done: ${s.partsDone.join(', ')}`);
  return `${who(s.reviewer)} (${parts.join(', ')})`;
}

export function mineOf(row: TrackRow, me: string | null): ReviewerStanding | null {
  return me ? row.reviewers.find((s) => s.reviewer.email === me.toLowerCase()) ?? null : null;
}

const COLUMNS = [['SERIES', 46], ['VER', 4], ['STATE', 10], ['WHO', 52], ['LAST ACTIVITY', 18], ['WAITING FOR', 24]] as const;

export function formatTrackTable(rows: TrackRow[], me: string | null): string {
  if (!rows.length) return 'no tracked series (track one with `lorescope track set STATE SOURCE`, or `lorescope track add SOURCE`)\n';
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? sanitizeLine(c) : cell(c, COLUMNS[i][1]))).join('  ').trimEnd();
  const out = [line(COLUMNS.map(([h]) => h))];
  for (const r of rows) {
    const mine = mineOf(r, me);
    const others = r.reviewers.map((s) => standing(s, r.series.total)).join('; ');
    const last = shortTime(r.lastActivity) + (r.lastActivityBy ? '' : r.lastActivity ? ' ✉' : '');
    out.push(line([r.series.title, `v${r.series.version}`, me ? mine?.state ?? 'new' : '-', others || '-', last, r.waitingFor.join(', ') || '-']));
  }
  out.push('', `${rows.length} series; ✉: the newest activity is mail`);
  return out.join('\n') + '\n';
}

export function formatTrackDetail(d: SeriesDetail): string {
  const s = d.series;
  const out: string[] = [];
  out.push(`${sanitizeLine(s.title)} v${s.version} (${s.total} patch${s.total === 1 ? '' : 'es'}) <${sanitizeLine(s.id)}>`);
  out.push(`  author: ${who(s.author)} <${sanitizeLine(s.author.email)}>${s.baseCommit ? `  base-commit: ${sanitizeLine(s.baseCommit).slice(0, 12)}` : ''}`);
  out.push(`  last activity: ${shortTime(d.lastActivity)}${d.lastActivityBy ? ` by ${who(d.lastActivityBy)}` : d.lastActivity ? ' (mail)' : ''}; waiting for: ${d.waitingFor.map(sanitizeLine).join(', ') || '-'}`);
  out.push('reviewers:');
  if (!d.reviewers.length) out.push('  (nobody yet)');
  for (const r of d.reviewers) out.push(`  ${standing(r, s.total)}  since ${shortTime(r.updatedAt || null)}`);
  out.push('patches:');
  for (const p of d.patches) {
    const by = d.reviewers.filter((r) => r.marked.includes(p.msgid)).map((r) => who(r.reviewer));
    out.push(`  ${String(p.index).padStart(3)}  ${by.length ? `[${by.join(', ')}]` : '[ ]'}  ${sanitizeLine(p.title)}`);
  }
  if (d.notes.length) {
    out.push('notes:');
    for (const n of d.notes) {
      const [first, ...rest] = n.text.split('\n');
      out.push(`  ${shortTime(n.at)}  ${who(n.reviewer)}: ${sanitizeLine(first)}`);
      for (const l of rest) out.push(`      ${sanitizeLine(l)}`);
    }
  }
  if (d.activity.length) {
    out.push('activity (newest first):');
    const patchNo = new Map(d.patches.map((p) => [p.msgid, `patch ${p.index}/${s.total}`]));
    for (const a of d.activity.slice(0, 20)) out.push(`  ${shortTime(a.at)}  ${who(a.reviewer)}  ${sanitizeLine(a.kind)} ${sanitizeLine(patchNo.get(a.detail) ?? a.detail)}`);
    if (d.activity.length > 20) out.push(`  … ${d.activity.length - 20} more (--json has them all)`);
  }
  return out.join('\n') + '\n';
}
