// The series overview as rows: the cover letter (folded unless opened), one row per patch with its
// badges, and a row for each patch that did not arrive; plus the pane about the focused row.
import type { Finding, ReviewPatch, ReviewSeries, Severity } from '../../model/review.js';
import type { PatchChange, TuiData } from './data.js';
import type { State } from './state.js';
import { memoRows, row, seg, type Row, type Seg } from './rows.js';
import { cell, clean, clip, displayWidth, shortDate, wrapCells } from './text.js';
import { findingCounts, SEVERITIES, SEVERITY_LETTER, trailerBadges, trailerLine } from './badges.js';
import { discussionDetail } from './discussion-rows.js';
import { seriesLabel } from './window-keys.js';

export interface OverviewView {
  coverOpen: boolean;
  onlyFindings: boolean;
  query: string;
}

const CHANGE_MARK: Record<PatchChange, [string, 'changed' | 'dim' | 'ok']> = {
  changed: ['Δ', 'changed'],
  same: ['=', 'dim'],
  new: ['+', 'ok'],
};

function matches(p: ReviewPatch, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  const hay = [p.subject, p.from.name, p.from.email, ...p.tags, ...p.files.map((f) => f.path), ...p.findings.map((f) => f.ruleId)];
  return hay.some((h) => h.toLowerCase().includes(needle));
}

interface Columns {
  findings: number;
  trailers: number;
  replies: number;
}

function findingText(p: ReviewPatch): Seg[] {
  const c = findingCounts(p.findings);
  return SEVERITIES.filter((s) => c[s]).map((s) => seg(s, ` ${SEVERITY_LETTER[s]}${c[s]}`));
}

function trailerText(p: ReviewPatch): Seg[] {
  return trailerBadges(p.trailers).map((b) => seg('badge', ` ${b.badge}:${b.trailers.length}`));
}

const replyText = (n: number): Seg[] => (n ? [seg('comment', ` ✉${n}`)] : []);

const segsWidth = (segs: Seg[]) => segs.reduce((n, x) => n + displayWidth(x.text), 0);

/** Badge columns as wide as the widest entry of the series, so they line up. */
function columns(s: ReviewSeries): Columns {
  const c: Columns = { findings: 0, trailers: 0, replies: 0 };
  for (const p of s.patches) {
    c.findings = Math.max(c.findings, segsWidth(findingText(p)));
    c.trailers = Math.max(c.trailers, segsWidth(trailerText(p)));
    c.replies = Math.max(c.replies, segsWidth(replyText(p.replies.length)));
  }
  return c;
}

function padSegs(segs: Seg[], width: number): Seg[] {
  const w = segsWidth(segs);
  return w < width ? [seg('dim', ' '.repeat(width - w)), ...segs] : segs;
}

function patchRow(s: ReviewSeries, pos: number, change: PatchChange | null, reviewed: boolean, cols: Columns, width: number): Row {
  const p = s.patches[pos];
  const digits = String(s.total).length;
  const left: Seg[] = [
    seg(reviewed ? 'ok' : 'dim', reviewed ? '✓ ' : '· '),
    seg('meta', `${String(p.index).padStart(digits)}/${s.total} `),
    change ? seg(CHANGE_MARK[change][1], CHANGE_MARK[change][0] + ' ') : seg('dim', '  '),
  ];
  const right = [...padSegs(findingText(p), cols.findings), ...padSegs(trailerText(p), cols.trailers), ...padSegs(replyText(p.replies.length), cols.replies)];
  const tags = p.tags.length ? ` [${p.tags.join(',')}]` : '';
  const used = segsWidth(left) + segsWidth(right);
  const room = Math.max(8, width - used);
  const title = clip(clean(p.title) + clean(tags), room);
  const pad = ' '.repeat(Math.max(0, room - displayWidth(title)));
  return { segs: [...left, seg(reviewed ? 'dim' : 'ctx', title + pad), ...right], patch: pos };
}

const coverRows = memoRows((_d: TuiData, s: ReviewSeries, width: number): Row[] =>
  wrapCells((s.cover?.message ?? '').trimEnd(), width - 4, 5000).map((l) => ({ segs: [seg('dim', '    '), seg('ctx', l)], patch: -1 })),
);

export function overviewRows(data: TuiData, seriesIdx: number, view: OverviewView, reviewed: readonly string[], width: number): Row[] {
  const s = data.model.series[seriesIdx];
  if (!s) return [row('dim', 'no series in this mail')];
  const rows: Row[] = [];
  const rv = new Set(reviewed);
  const cols = columns(s);
  if (s.cover) {
    const mark = view.coverOpen ? '▾' : '▸';
    const replies = s.cover.replies.length ? ` ✉${s.cover.replies.length}` : '';
    rows.push({ segs: [seg('meta', `${mark} ${'0'.padStart(String(s.total).length)}/${s.total}   `), seg('title', cell(`${s.cover.title}`, width - 12 - replies.length)), seg('comment', replies)], patch: -1, msgid: s.cover.msgid });
    if (view.coverOpen) rows.push(...coverRows(data, s, width));
  }
  const changes = data.changes[seriesIdx];
  const missing = view.onlyFindings || view.query ? [] : s.missing.slice(0, 1000);
  // Patches in index order with the missing ones in between; the subject's N/M never sets the work.
  const order = [
    ...s.patches.map((p, pos) => ({ index: p.index, pos })),
    ...missing.map((index) => ({ index, pos: -1 })),
  ].sort((a, b) => a.index - b.index || a.pos - b.pos);
  const digits = String(s.total).length;
  for (const { index, pos } of order) {
    if (pos === -1) {
      rows.push({ segs: [seg('missing', `  ${String(index).padStart(digits)}/${s.total}   (missing: this patch did not arrive)`)], missing: index });
      continue;
    }
    const p = s.patches[pos];
    if (view.onlyFindings && !p.findings.length) continue;
    if (!matches(p, view.query)) continue;
    rows.push(patchRow(s, pos, changes ? changes[pos] : null, rv.has(p.msgid), cols, width));
  }
  if (!rows.some((r) => r.patch !== undefined && r.patch >= 0)) {
    rows.push(row('dim', view.onlyFindings ? '  (no patch has findings)' : view.query ? `  (no patch matches "${clean(view.query)}")` : '  (no patches)'));
  }
  return rows;
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, warn: 1, info: 2 };

/** One line per rule, most severe first: "high mm.gfp-flags: GFP flag … ×3 (include/linux/gfp_types.h:29, 44, 57)". */
export function groupFindings(findings: Finding[]): { severity: Severity; text: string }[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  return [...byRule.values()]
    .sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity])
    .map((list) => {
      const f = list[0];
      const files = [...new Set(list.map((x) => x.file).filter((x): x is string => x !== null))];
      const lines = list.filter((x) => x.file === files[0] && x.line !== null).map((x) => x.line);
      const where = files.length ? ` (${files[0]}${lines.length ? `:${lines.join(', ')}` : ''}${files.length > 1 ? ` and ${files.length - 1} more file${files.length > 2 ? 's' : ''}` : ''})` : '';
      return { severity: f.severity, text: `${f.severity} ${f.ruleId}: ${f.title}${list.length > 1 ? ` ×${list.length}` : ''}${where}` };
    });
}

/** Lines about the focused row: who gave which trailer, findings, sections, change since the last version. */
export function detailRows(data: TuiData, seriesIdx: number, focus: Row | undefined, width: number): Row[] {
  const s = data.model.series[seriesIdx];
  if (!s || !focus) return [];
  if (focus.missing !== undefined) return [row('missing', cell(`Patch ${focus.missing}/${s.total} is missing from this mail.`, width))];
  if (focus.patch === undefined) return [];
  if (focus.patch === -1) {
    const out: Row[] = [row('meta', cell(`Series: ${s.diffstat.files} files changed, +${s.diffstat.additions} -${s.diffstat.deletions}; ${s.patches.length}/${s.total} patches`, width)), ...discussionDetail(s, 0, width)];
    for (const t of s.cover?.trailers ?? []) out.push(row('badge', cell(trailerLine(t), width)));
    if (s.tags.length) out.push(row('meta', cell(`Subsystems: ${s.tags.join(', ')}`, width)));
    for (const f of s.findings.filter((f) => f.patchIndex === 0)) out.push(row(f.severity, cell(`${f.severity} ${f.ruleId}: ${f.title}`, width)));
    return out;
  }
  const p = s.patches[focus.patch];
  const out: Row[] = [];
  const change = data.changes[seriesIdx]?.[focus.patch];
  const prevVersion = data.previousOf[seriesIdx] >= 0 ? data.model.series[data.previousOf[seriesIdx]].version : null;
  const changeText = change === 'same' ? `unchanged since v${prevVersion}` : change === 'changed' ? `changed since v${prevVersion}` : change === 'new' ? `new in v${s.version}` : '';
  out.push({ segs: [seg('title', cell(p.subject, width - displayWidth(changeText) - 2)), seg(change === 'changed' ? 'changed' : 'meta', changeText ? `  ${changeText}` : '')] });
  out.push(row('meta', cell(`${clean(p.from.name || p.from.email)} · ${shortDate(p.date)} · ${p.diffstat.files} file${p.diffstat.files === 1 ? '' : 's'}, +${p.diffstat.additions} -${p.diffstat.deletions}${p.tags.length ? ` · ${p.tags.join(', ')}` : ''}`, width)));
  out.push(...discussionDetail(s, p.index, width));
  for (const b of trailerBadges(p.trailers)) for (const t of b.trailers) out.push(row('badge', cell(`${trailerLine(t)}${t.source === 'cover' ? ' (cover letter)' : ''}`, width)));
  for (const g of groupFindings(p.findings)) out.push(row(g.severity, cell(g.text, width)));
  for (const m of p.missingRecipients) out.push(row('warn', cell(`not Cc'd: ${m.name ? `${m.name} <${m.email}>` : m.email} (${m.role}, ${m.section})`, width)));
  if (p.supersededBy) out.push(row('changed', cell(`superseded by a partial reroll <${p.supersededBy}>`, width)));
  return out;
}

/** The overview's two title lines: series, version and RFC state, author, versions, filter. */
export function overviewHeader(s: State): Row[] {
  const series = s.data.model.series[s.series];
  if (!series) return [row('title', 'lorescope'), row('dim', '')];
  const w = s.width;
  const state = `v${series.version}${series.rfc ? ' RFC' : ''}${series.resend ? ' RESEND' : ''} · ${series.patches.length}/${series.total} patches`;
  const title = clip(clean(series.title), Math.max(4, w - displayWidth(state) - 2));
  const work = s.data.works[s.data.workOf[s.series]] ?? [s.series];
  const versions = work.length > 1 ? ' · versions: ' + work.map((i) => (i === s.series ? `[v${s.data.model.series[i].version}]` : `v${s.data.model.series[i].version}`)).join(' ') : '';
  const replies = series.patches.reduce((n, p) => n + p.replies.length, series.cover?.replies.length ?? 0);
  const filter = [s.overview.onlyFindings ? 'only with findings' : '', s.overview.query ? `matching "${clean(s.overview.query)}"` : ''].filter(Boolean).join(', ');
  const meta = `${clean(series.author.name || series.author.email)} · ${shortDate(series.date)}${versions} · ✉${replies}${s.page ? ` · ${seriesLabel(s, s.data.workOf[s.series])}` : s.data.works.length > 1 ? ` · series ${s.data.workOf[s.series] + 1}/${s.data.works.length}` : ''}`;
  return [
    { segs: [seg('title', title), seg('ctx', ' '.repeat(Math.max(1, w - displayWidth(title) - displayWidth(state)))), seg(series.rfc ? 'warn' : 'meta', state)] },
    { segs: [seg('meta', cell(meta, w - (filter ? displayWidth(filter) + 3 : 0))), seg('changed', filter ? ` · ${filter}` : '')] },
  ];
}
