// Series drafts → the plain Series objects of the review model, with replies and collected trailers.
import type { Address, Mail } from '../model/mail.js';
import type { CoverRef, PatchRef, Reply, Series, Trailer } from '../model/series.js';
import type { Classified } from './classify.js';
import type { SeriesDraft } from './assemble.js';
import { ancestors, depthOf } from '../thread/build.js';
import { patchTrailers, replyTrailers, senderVouches, type ParsedTrailer } from './trailers.js';
import { otherPrefixes } from './subject.js';
import { replyPatch } from './suggested-patch.js';

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
    const source = target.role === 'cover' ? 'cover' : 'followup';
    const carried = replyPatch(c.mail);
    reply.trailers = replyTrailers(carried ? carried.ownText : c.mail.body).map((t) => makeTrailer(t, c.mail, source, opts));
    if (carried) {
      const withheld = patchTrailers(carried.patchText).map((t) => ({
        ...makeTrailer(t, c.mail, source, opts), applied: false, note: 'written in the patch this reply suggests, not for the series',
      }));
      reply.suggestedPatch = { kind: carried.kind, trailers: withheld };
    }
  }

  const ignored = new Set<Trailer>();
  const idOf = (d: SeriesDraft) => (d.cover ?? d.patches[0]).mail.msgid;
  // A partial reroll has no cover letter of its own: the one it was sent under speaks for it.
  const coverDraft = (d: SeriesDraft): SeriesDraft | null => (d.cover ? d : d.reroll ? coverDraft(d.reroll.of) : null);
  const series: Series[] = [];
  const built = new Map<SeriesDraft, Series>();
  for (const d of drafts) {
    const cd = coverDraft(d);
    const coverC = cd?.cover ?? null;
    const coverReplies = coverC ? repliesTo.get(coverC.mail.msgid) ?? [] : [];
    const coverTrailers = coverReplies.flatMap((r) => r.trailers);
    const patchRef = (c: Classified, index: number): PatchRef => {
      const replies = repliesTo.get(c.mail.msgid) ?? [];
      const own = patchTrailers(c.mail.hasPatch ? c.mail.patch! : c.mail.body).map((t) => makeTrailer(t, c.mail, 'patch', opts));
      const trailers = [...own, ...replies.flatMap((r) => r.trailers), ...coverTrailers];
      return { index, msgid: c.mail.msgid, subject: c.mail.subject, title: c.subject.title, from: c.mail.from, date: iso(c.mail), trailers, replies };
    };
    const carried = new Set(d.reroll?.carried ?? []);
    const sorted = [...d.patches, ...carried].sort((a, b) => (a.subject.index ?? 1) - (b.subject.index ?? 1));
    const total = d.total ?? Math.max(1, sorted.length);
    const patches: PatchRef[] = [];
    const extra: PatchRef[] = [];
    const seen = new Set<number>();
    for (const c of sorted) {
      const idx = c.subject.index ?? 1;
      const ref = patchRef(c, idx);
      if (carried.has(c)) ref.carriedFrom = idOf(d.reroll!.of);
      if (seen.has(idx) || idx > total || idx < 1) extra.push(ref);
      else { seen.add(idx); patches.push(ref); }
    }
    const missing: number[] = [];
    for (let i = 1; i <= total; i++) if (!seen.has(i)) missing.push(i);
    const first = d.cover ?? d.patches[0];
    const titled = d.reroll && !d.cover ? coverC ?? first : first;
    const cover: CoverRef | null = coverC
      ? { msgid: coverC.mail.msgid, subject: coverC.mail.subject, title: coverC.subject.title, from: coverC.mail.from, date: iso(coverC.mail), trailers: coverTrailers, replies: coverReplies }
      : null;
    const all = [coverC, ...d.patches, ...carried].filter((c): c is Classified => !!c);
    for (const p of [...patches, ...extra]) for (const t of p.trailers) if (!t.applied) ignored.add(t);
    const s: Series = {
      id: first.mail.msgid,
      version: d.version + (d.minor ? d.minor / 10 ** String(d.minor).length : 0),
      total,
      rfc: all.some((c) => c.subject.rfc),
      resend: all.some((c) => c.subject.resend),
      title: titled.subject.title,
      author: first.mail.from as Address,
      date: iso(first.mail),
      cover,
      patches,
      missing,
      extra,
      rerolls: [],
      prefixes: otherPrefixes(first.subject),
      changeId: firstField(all, 'change-id'),
      baseCommit: firstField(all, 'base-commit'),
    };
    if (d.reroll) s.partialReroll = { of: idOf(d.reroll.of), version: built.get(d.reroll.of)?.version ?? d.reroll.of.version };
    built.set(d, s);
    series.push(s);
  }
  // The series a partial reroll was sent into lists it, and its patches name their replacements.
  for (const [d, s] of built) {
    if (!d.reroll) continue;
    const of = built.get(d.reroll.of);
    if (!of) continue;
    for (const ref of s.patches) {
      if (ref.carriedFrom) continue;
      const old = [...d.reroll.replaces].find(([c]) => c.mail.msgid === ref.msgid)?.[1];
      const orig = old ? of.patches.find((p) => p.msgid === old.mail.msgid) : undefined;
      if (orig && !orig.supersededBy) orig.supersededBy = ref.msgid;
      of.rerolls.push({ ...ref, replaces: orig?.msgid });
    }
  }
  return { series, comments, unattached, ignored: [...ignored] };
}
