// A patch flattened into rows: header, trailers, commit message, diffstat, the diff with findings
// and anchored review comments at their lines, then the replies that did not quote the diff.
import type { CommentAnchor, Finding, ReviewPatch } from '../../model/review.js';
import type { DiffLine, FileDiff } from '../../diff/types.js';
import type { TuiData } from './data.js';
import { memoRows, row, seg, type Row } from './rows.js';
import { cell, clean, clip, padEnd, shortDate, wrap, wrapCells } from './text.js';
import { trailerLine } from './badges.js';
import { replyTree } from './reply-tree.js';
import { ownLines } from './excerpt.js';

/** Line-number gutter: five digits and a space. */
export const GUTTER = 6;

const SEVERITY_MARK = { high: '▲', warn: '●', info: '○' } as const;

const lineKey = (file: string, side: 'new' | 'old', line: number) => `${side}\u0000${line}\u0000${file}`;

function group<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = m.get(k) ?? [];
    list.push(it);
    m.set(k, list);
  }
  return m;
}

function findingRows(f: Finding, width: number): Row[] {
  const indent = ' '.repeat(GUTTER);
  const inner = Math.max(10, width - GUTTER - 2);
  const head = `${SEVERITY_MARK[f.severity]} ${f.severity} ${f.ruleId}: ${f.title}`;
  const rows: Row[] = [{ segs: [seg('dim', indent), seg(f.severity, clip(clean(head), width - GUTTER))], target: 'finding' }];
  const body = [f.message, f.rationale].filter((t, i, a) => t && a.indexOf(t) === i).join(' — ');
  for (const l of wrap(clean(body), inner, 12)) rows.push({ segs: [seg('dim', indent + '  '), seg('meta', l)] });
  if (f.link) rows.push({ segs: [seg('dim', indent + '  '), seg('meta', clip(clean(f.link), inner))] });
  return rows;
}

function anchorRows(a: CommentAnchor, width: number): Row[] {
  const indent = ' '.repeat(GUTTER);
  const inner = Math.max(10, width - GUTTER - 2);
  const rows: Row[] = [{ segs: [seg('dim', indent), seg('comment', clip(`┃ ${clean(a.author.name || a.author.email)} commented:`, width - GUTTER))], target: 'comment', msgid: a.replyMsgid }];
  for (const l of wrapCells(a.excerpt, inner, 8)) rows.push({ segs: [seg('dim', indent), seg('comment', '┃ ' + l)], msgid: a.replyMsgid });
  return rows;
}

function diffLineRow(l: DiffLine, width: number, at: Row['at']): Row {
  const num = l.kind === 'del' ? l.oldLine : l.newLine;
  const marker = l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ';
  const role = l.kind === 'add' ? 'add' : l.kind === 'del' ? 'del' : 'ctx';
  const gutter = padEnd(num === null ? '' : String(num).padStart(GUTTER - 1), GUTTER);
  return { segs: [seg('dim', gutter), seg(role, marker + clip(clean(l.text), width - GUTTER - 1))], at };
}

function fileHeader(f: FileDiff, width: number): Row[] {
  const rows: Row[] = [row('file', cell(`${f.status === 'modified' ? '' : f.status + ' '}${f.path}`, width))];
  if (f.status === 'renamed' || f.status === 'copied') rows.push(row('meta', cell(`  from ${f.oldPath ?? ''}${f.similarity !== undefined ? ` (${f.similarity}%)` : ''}`, width)));
  if (f.oldMode && f.newMode && f.oldMode !== f.newMode) rows.push(row('meta', cell(`  mode ${f.oldMode} → ${f.newMode}`, width)));
  if (f.binary) rows.push(row('meta', cell(`  binary file${f.binaryPatch ? ' (GIT binary patch)' : ', contents not in the mail'}`, width)));
  if (f.combined) rows.push(row('error', cell('  combined (merge) diff: not analysed', width)));
  return rows;
}

function build(data: TuiData, p: ReviewPatch, width: number): Row[] {
  const rows: Row[] = [];
  const blank = () => rows.push(row('ctx', ''));
  const msg = data.messages[p.msgid];
  rows.push(row('meta', cell(`From: ${p.from.name ? `${p.from.name} <${p.from.email}>` : p.from.email}`, width)));
  if (p.date) rows.push(row('meta', cell(`Date: ${shortDate(p.date)}`, width)));
  rows.push(row('meta', cell(`Subject: ${p.subject}`, width)));
  if (msg?.cc.length) rows.push(row('meta', cell(`Cc: ${msg.cc.map((a) => a.email).join(', ')}`, width)));
  const collected = p.trailers.filter((t) => t.source !== 'patch');
  for (const t of collected) {
    const where = t.source === 'cover' ? 'on the cover letter' : 'in a reply';
    rows.push(row(t.applied ? 'badge' : 'dim', cell(`+ ${trailerLine(t)}  (${where}${t.applied ? '' : `, not applied: ${t.note ?? ''}`})`, width), { msgid: t.fromMsgid }));
  }
  for (const w of p.diffWarnings) rows.push(row('error', cell(`! ${w}`, width)));

  const patchLevel = p.findings.filter((f) => f.file === null);
  if (patchLevel.length) {
    blank();
    for (const f of patchLevel) rows.push(...findingRows(f, width));
  }

  blank();
  const message = p.message.trimEnd();
  for (const l of wrapCells(message, width, 2000)) rows.push(row('ctx', l));
  blank();
  for (const l of p.diffstat.lines) rows.push(row('meta', cell(l, width)));
  const { files, additions: a, deletions: d } = p.diffstat;
  const counts = [`${files} file${files === 1 ? '' : 's'} changed`, a || !d ? `${a} insertion${a === 1 ? '' : 's'}(+)` : '', d ? `${d} deletion${d === 1 ? '' : 's'}(-)` : ''];
  rows.push(row('meta', cell(' ' + counts.filter(Boolean).join(', '), width)));
  for (const l of p.diffstat.summary ?? []) rows.push(row('meta', cell(l, width)));

  const findingsAt = group(p.findings, (f) => (f.file !== null && f.line !== null ? lineKey(f.file, f.side ?? 'new', f.line) : null));
  const anchorsAt = group(p.anchors, (a) => lineKey(a.file, a.side, a.line));
  const placed = new Set<Finding>();
  p.files.forEach((f, fi) => {
    blank();
    rows.push(...fileHeader(f, width));
    // Findings for this file that no diff line carries (file-level, or a line outside the hunks).
    const fileFindings = p.findings.filter((x) => x.file === f.path);
    const onLines = new Set<Finding>();
    for (const h of f.hunks) for (const l of h.lines) {
      for (const side of ['new', 'old'] as const) {
        const n = side === 'new' ? l.newLine : l.oldLine;
        if (n !== null) for (const x of findingsAt.get(lineKey(f.path, side, n)) ?? []) onLines.add(x);
      }
    }
    for (const x of fileFindings) if (!onLines.has(x)) rows.push(...findingRows(x, width));
    f.hunks.forEach((h, hi) => {
      rows.push(row('hunk', cell(h.header || `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@ ${h.heading}`, width), { at: { file: fi, hunk: hi, line: -1 } }));
      h.lines.forEach((l, li) => {
        rows.push(diffLineRow(l, width, { file: fi, hunk: hi, line: li }));
        const keys: string[] = [];
        if (l.newLine !== null && l.kind !== 'del') keys.push(lineKey(f.path, 'new', l.newLine));
        if (l.oldLine !== null && l.kind !== 'add') keys.push(lineKey(f.path, 'old', l.oldLine));
        for (const k of keys) {
          for (const x of findingsAt.get(k) ?? []) {
            if (placed.has(x)) continue;
            placed.add(x);
            rows.push(...findingRows(x, width));
          }
          for (const a of anchorsAt.get(k) ?? []) rows.push(...anchorRows(a, width));
        }
      });
    });
  });

  const anchored = new Set(p.anchors.map((a) => a.replyMsgid));
  const others = replyTree(p.msgid, p.replies).filter((t) => !anchored.has(t.reply.msgid));
  if (others.length) {
    blank();
    rows.push(row('title', cell(`Replies (${others.length})`, width)));
    for (const { reply, depth } of others) {
      const indent = '  '.repeat(Math.min(depth - 1, 8));
      const who = clean(reply.from.name || reply.from.email);
      rows.push({ segs: [seg('dim', indent), seg('comment', clip(`${who} · ${shortDate(reply.date)}`, width - indent.length))], target: 'comment', msgid: reply.msgid });
      const body = data.messages[reply.msgid]?.body;
      const lines = body ? ownLines(body, 3) : [clean(reply.subject)];
      for (const l of lines) rows.push({ segs: [seg('dim', indent + '  '), seg('ctx', cell(l, width - indent.length - 2))], msgid: reply.msgid });
    }
  }
  return rows;
}

export const patchRows = memoRows(build);
