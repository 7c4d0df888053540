// Series drafts → the plain Series objects of the review model, with replies and collected trailers.
import type { Address, Mail } from '../model/mail.js';
import type { CoverRef, PatchRef, Reply, Series, Trailer } from '../model/series.js';
import type { Classified } from './classify.js';
import type { SeriesDraft } from './assemble.js';
import { ancestors, depthOf } from '../thread/build.js';
import { patchTrailers, replyTrailers, senderVouches, type ParsedTrailer } from './trailers.js';
import { otherPrefixes } from './subject.js';

export interface BuildOptions {
  /** Apply trailers whose address differs from the sender's (b4 -S). */
  sloppyTrailers?: boolean;
}

export interface Built {
  series: Series[];
  comments: number;
  unattached: number;
  /** Trailers not applied because of an address mismatch, for a NOTE like b4's. */
  ignored: Trailer[];
}

const iso = (m: Mail) => (m.date ? m.date.toISOString() : null);

function makeTrailer(t: ParsedTrailer, mail: Mail, source: Trailer['source'], opts: BuildOptions): Trailer {
  const tr: Trailer = { name: t.name, value: t.value, person: t.person, scope: t.scope, fromMsgid: mail.msgid, sender: mail.from, source, applied: true };
  if (t.extinfo !== undefined) tr.extinfo = t.extinfo;
  if (source !== 'patch' && !senderVouches(t, mail.from)) {
    tr.applied = !!opts.sloppyTrailers;
    tr.note = `address ${t.person?.email} differs from the sender ${mail.from.email}`;
  }
  return tr;
}

function firstLine(v: string | undefined): string | null {
  return v ? v.trim() : null;
}

function findField(body: string, name: string): string | null {
  const m = new RegExp(`^${name}:[ \\t]*(\\S+)[ \\t]*\\r?$`, 'm').exec(body);
  return firstLine(m?.[1]);
}

/** A `name: value` line of the first message having one; bodies are decoded only where it can be. */
function firstField(msgs: Classified[], name: string): string | null {
  for (const c of msgs) {
    const raw = c.mail.raw;
    // The raw bytes name the field unless the body is base64: skip the decode everywhere else.
    if (raw.indexOf(name) < 0 && raw.indexOf('base64') < 0) continue;
    const v = findField(c.mail.body, name);
    if (v) return v;
  }
  return null;
}

export function buildSeries(drafts: SeriesDraft[], items: Classified[], opts: BuildOptions = {}): Built {
  const targetOf = new Map<string, Classified>();
  for (const d of drafts) {
    if (d.cover) targetOf.set(d.cover.mail.msgid, d.cover);
    for (const p of d.patches) targetOf.set(p.mail.msgid, p);
    for (const r of d.rerolls) targetOf.set(r.reroll.mail.msgid, r.reroll);
  }
  const repliesTo = new Map<string, Reply[]>();
  let comments = 0;
  let unattached = 0;
  for (const c of items) {
    if (targetOf.has(c.mail.msgid)) continue;
    let target: Classified | undefined;
    for (const a of ancestors(c.node)) {
      target = a.mail ? targetOf.get(a.mail.msgid) : undefined;
      if (target) break;
    }
    if (!target) { unattached++; continue; }
    comments++;
    const reply: Reply = {
      msgid: c.mail.msgid, from: c.mail.from, subject: c.mail.subject, date: iso(c.mail),
      parent: c.node.parent?.msgid ?? null, target: target.mail.msgid, depth: depthOf(c.node) - depthOf(target.node),
      trailers: [],
    };
    const list = repliesTo.get(target.mail.msgid) ?? [];
    list.push(reply);
    repliesTo.set(target.mail.msgid, list);
    reply.trailers = replyTrailers(c.mail.body).map((t) => makeTrailer(t, c.mail, target!.role === 'cover' ? 'cover' : 'followup', opts));
  }

  const ignored = new Set<Trailer>();
  const series: Series[] = [];
  for (const d of drafts) {
    const coverReplies = d.cover ? repliesTo.get(d.cover.mail.msgid) ?? [] : [];
    const coverTrailers = coverReplies.flatMap((r) => r.trailers);
    const patchRef = (c: Classified, index: number): PatchRef => {
      const replies = repliesTo.get(c.mail.msgid) ?? [];
      const own = patchTrailers(c.mail.hasPatch ? c.mail.patch! : c.mail.body).map((t) => makeTrailer(t, c.mail, 'patch', opts));
      const trailers = [...own, ...replies.flatMap((r) => r.trailers), ...coverTrailers];
      return { index, msgid: c.mail.msgid, subject: c.mail.subject, title: c.subject.title, from: c.mail.from, date: iso(c.mail), trailers, replies };
    };
    const sorted = [...d.patches].sort((a, b) => (a.subject.index ?? 1) - (b.subject.index ?? 1));
    const total = d.total ?? Math.max(1, sorted.length);
    const patches: PatchRef[] = [];
    const extra: PatchRef[] = [];
    const seen = new Set<number>();
    for (const c of sorted) {
      const idx = c.subject.index ?? 1;
      const ref = patchRef(c, idx);
      if (seen.has(idx) || idx > total || idx < 1) extra.push(ref);
      else { seen.add(idx); patches.push(ref); }
    }
    const rerolls: PatchRef[] = [];
    for (const r of d.rerolls) {
      const ref = patchRef(r.reroll, r.reroll.subject.index ?? 1);
      ref.replaces = r.replaces.mail.msgid;
      const orig = patches.find((p) => p.msgid === r.replaces.mail.msgid);
      if (orig) orig.supersededBy = ref.msgid;
      rerolls.push(ref);
    }
    const missing: number[] = [];
    for (let i = 1; i <= total; i++) if (!seen.has(i)) missing.push(i);
    const first = d.cover ?? d.patches[0] ?? d.rerolls[0]?.reroll;
    const cover: CoverRef | null = d.cover
      ? { msgid: d.cover.mail.msgid, subject: d.cover.mail.subject, title: d.cover.subject.title, from: d.cover.mail.from, date: iso(d.cover.mail), trailers: coverTrailers, replies: coverReplies }
      : null;
    const all = [d.cover, ...d.patches].filter((c): c is Classified => !!c);
    for (const p of [...patches, ...extra, ...rerolls]) for (const t of p.trailers) if (!t.applied) ignored.add(t);
    series.push({
      id: first.mail.msgid,
      version: d.version + (d.minor ? d.minor / 10 ** String(d.minor).length : 0),
      total,
      rfc: all.some((c) => c.subject.rfc),
      resend: all.some((c) => c.subject.resend),
      title: first.subject.title,
      author: first.mail.from as Address,
      date: iso(first.mail),
      cover,
      patches,
      missing,
      extra,
      rerolls,
      prefixes: otherPrefixes(first.subject),
      changeId: firstField(all, 'change-id'),
      baseCommit: firstField(all, 'base-commit'),
    });
  }
  return { series, comments, unattached, ignored: [...ignored] };
}
