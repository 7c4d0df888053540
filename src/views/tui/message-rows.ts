// One message as rows: headers, then the body with quoted parts dimmed, diff lines coloured and the
// signature dimmed.
import type { Address } from '../../model/review.js';
import type { TuiData } from './data.js';
import { row, seg, type Row } from './rows.js';
import { cell, shortDate, wrapCells } from './text.js';

interface Meta {
  from: Address;
  subject: string;
  date: string | null;
}

/** What the model knows about a message when its text was not loaded. */
export function messageMeta(data: TuiData, msgid: string): Meta | null {
  const t = data.messages[msgid];
  if (t) return t;
  for (const s of data.model.series) {
    if (s.cover?.msgid === msgid) return s.cover;
    for (const r of s.cover?.replies ?? []) if (r.msgid === msgid) return r;
    for (const p of s.patches) {
      if (p.msgid === msgid) return p;
      for (const r of p.replies) if (r.msgid === msgid) return r;
    }
  }
  return null;
}

const addr = (a: Address) => (a.name ? `${a.name} <${a.email}>` : a.email);

function bodyRows(body: string, width: number): Row[] {
  const rows: Row[] = [];
  let inDiff = false;
  let inSig = false;
  for (const raw of body.trimEnd().split('\n', 50000)) {
    const line = raw.replace(/\r$/, '');
    if (line === '-- ') inSig = true;
    if (line.startsWith('diff --git ') || line.startsWith('--- a/')) inDiff = true;
    let role: 'quote' | 'add' | 'del' | 'hunk' | 'dim' | 'ctx' = 'ctx';
    if (inSig) role = 'dim';
    else if (line.startsWith('>')) role = 'quote';
    else if (inDiff && line.startsWith('@@')) role = 'hunk';
    else if (inDiff && line.startsWith('+') && !line.startsWith('+++')) role = 'add';
    else if (inDiff && line.startsWith('-') && !line.startsWith('---')) role = 'del';
    // Diff lines are clipped like in the patch view; prose wraps.
    const lines = inDiff && !inSig ? [cell(line, width)] : wrapCells(line, width, 200);
    for (const l of lines) rows.push(row(role, l));
  }
  return rows;
}

function build(data: TuiData, msgid: string, width: number): Row[] {
  const t = data.messages[msgid];
  const meta = messageMeta(data, msgid);
  if (!meta) return [row('error', cell(`message <${msgid}> is not in this mail`, width))];
  const rows: Row[] = [
    { segs: [seg('key', 'From: '), seg('ctx', cell(addr(meta.from), width - 6))] },
    { segs: [seg('key', 'Date: '), seg('ctx', cell(shortDate(meta.date), width - 6))] },
    { segs: [seg('key', 'Subject: '), seg('title', cell(meta.subject, width - 9))] },
  ];
  if (t?.to.length) rows.push({ segs: [seg('key', 'To: '), seg('meta', cell(t.to.map(addr).join(', '), width - 4))] });
  if (t?.cc.length) rows.push({ segs: [seg('key', 'Cc: '), seg('meta', cell(t.cc.map(addr).join(', '), width - 4))] });
  rows.push({ segs: [seg('key', 'Message-ID: '), seg('meta', cell(`<${msgid}>`, width - 12))] });
  rows.push(row('ctx', ''));
  if (!t) {
    rows.push(row('dim', '(message text not loaded)'));
    return rows;
  }
  rows.push(...bodyRows(t.body, width));
  if (t.truncated) rows.push(row('dim', '(message cut here: too long to show)'));
  return rows.map((r) => ({ ...r, msgid }));
}

const cache = new WeakMap<TuiData, Map<string, Row[]>>();

export function messageRows(data: TuiData, msgid: string, width: number): Row[] {
  let m = cache.get(data);
  if (!m) cache.set(data, (m = new Map()));
  const key = `${width}\u0000${msgid}`;
  let rows = m.get(key);
  if (!rows) {
    if (m.size > 16) m.clear();
    rows = build(data, msgid, width);
    m.set(key, rows);
  }
  return rows;
}
