// `lorescope am`: one series of a loaded mailbox as an am-ready mbox, the same bytes `b4 am -o -` writes.
import type { Address, Mail } from '../model/mail.js';
import type { PatchRef, Series, Trailer } from '../model/series.js';
import type { Loaded } from '../pipeline/load.js';
import { formatTrailer, makeTrailer, sameTrailer, type ParsedTrailer } from '../series/trailers.js';
import { parseAddresses } from '../mail/addresses.js';
import type { CollectedTrailer, FixOptions } from './fix-trailers.js';
import { amMessage } from './message.js';

export interface AmOptions {
  /** Pick the series containing this message; default: the newest series (highest version, then latest). */
  msgid?: string;
  /** Merge trailers collected from replies and the cover letter (default true). */
  addTrailers?: boolean;
  addMySob?: boolean;
  identity?: Address;
  addLink?: boolean;
  /** A whole trailer (`Link: https://patch.msgid.link/%s`, `Message-ID: <%s>`) or a bare URL mask. */
  linkMask?: string;
  copyCcs?: boolean;
  /** Apply trailers whose address differs from their sender's. */
  sloppyTrailers?: boolean;
  /** Name globs in order, e.g. `Cc,Tested*,Reviewed*,*`. */
  trailerOrder?: string;
  /** Drop follow-up trailers sent by (or naming) these addresses. */
  ignoreTrailersFrom?: string[];
}

export interface AmResult {
  mbox: string;
  warnings: string[];
  /** The series written, or null when there was none. */
  series: Series | null;
}

export const DEFAULT_LINK_MASK = 'Link: https://patch.msgid.link/%s';

function seriesHas(s: Series, msgid: string): boolean {
  const refs: { msgid: string; replies: { msgid: string }[] }[] = [...s.patches, ...s.extra, ...s.rerolls];
  if (s.cover) refs.push(s.cover);
  return refs.some((r) => r.msgid === msgid || r.replies.some((x) => x.msgid === msgid));
}

export function pickSeries(series: Series[], msgid?: string): Series | null {
  if (msgid) {
    const id = msgid.trim().replace(/^<|>$/g, '');
    return series.find((s) => seriesHas(s, id)) ?? null;
  }
  let best: Series | null = null;
  for (const s of series) {
    if (!s.patches.length) continue;
    if (!best || s.version > best.version || (s.version === best.version && (s.date ?? '') > (best.date ?? ''))) best = s;
  }
  return best;
}

/** The Link trailer for one message, from a trailer mask or a URL mask. */
export function linkTrailer(mask: string, msgid: string): ParsedTrailer {
  const filled = mask.replace('%s', msgid);
  const colon = filled.indexOf(':');
  const looksLikeTrailer = colon > 0 && !/\s/.test(filled.slice(0, colon)) && !filled.slice(0, colon + 3).endsWith('://');
  if (looksLikeTrailer) return makeTrailer(filled.slice(0, colon).trim(), filled.slice(colon + 1).trim());
  return makeTrailer('Link', filled.trim());
}

function collected(t: Trailer): CollectedTrailer {
  return { ...makeTrailer(t.name, t.value, t.extinfo), sender: t.sender };
}

function ignoreList(from: string[] | undefined): string[] {
  const out: string[] = [];
  for (const entry of from ?? []) {
    const parsed = parseAddresses(entry);
    if (parsed.length) for (const a of parsed) out.push(a.email.toLowerCase());
    else if (entry.trim()) out.push(entry.trim().toLowerCase());
  }
  return out;
}

/** Patches in order, a partial reroll standing in for the patch it replaces. */
function patchesOf(s: Series): PatchRef[] {
  return s.patches.map((p) => (p.supersededBy ? s.rerolls.find((r) => r.msgid === p.supersededBy) ?? p : p));
}

export function writeAm(loaded: Loaded, opts: AmOptions = {}): AmResult {
  const warnings: string[] = [];
  const series = pickSeries(loaded.model.series, opts.msgid);
  if (!series) {
    warnings.push(opts.msgid ? `no patch series contains <${opts.msgid}>` : 'no patch series found');
    return { mbox: '', warnings, series: null };
  }
  const addTrailers = opts.addTrailers ?? true;
  if (opts.addMySob && !opts.identity) warnings.push('cannot add Signed-off-by: no identity given');
  const ignoreFrom = ignoreList(opts.ignoreTrailersFrom);
  const mismatched: Trailer[] = [];
  const out: string[] = [];
  for (const missing of series.missing) warnings.push(`patch ${missing}/${series.total} is missing`);
  for (const p of patchesOf(series)) {
    const mail: Mail | undefined = loaded.mails.get(p.msgid);
    if (!mail) { warnings.push(`patch ${p.index}/${series.total} <${p.msgid}> is not loaded`); continue; }
    if (opts.addLink && mail.synthesizedId) warnings.push(`patch ${p.index}: no Message-ID, so no link added`);
    let fix: FixOptions | null = null;
    if (addTrailers) {
      const incoming = p.trailers.filter((t) => t.source !== 'patch');
      const own = p.trailers.filter((t) => t.source === 'patch');
      for (const t of incoming) {
        // Restating a trailer the patch already carries (quoting it, suggesting an order) is no news.
        const restated = own.some((o) => sameTrailer(o, t));
        if (!t.applied && !opts.sloppyTrailers && !restated && !mismatched.includes(t)) mismatched.push(t);
      }
      fix = {
        followups: incoming.filter((t) => t.applied || opts.sloppyTrailers).map(collected),
        extras: opts.addLink && !mail.synthesizedId ? [linkTrailer(opts.linkMask ?? DEFAULT_LINK_MASK, p.msgid)] : [],
        copyCcs: opts.copyCcs ? [...mail.to, ...mail.cc] : null,
        addMySob: !!opts.addMySob,
        identity: opts.identity ?? null,
        trailerOrder: opts.trailerOrder,
        ignoreFrom,
      };
    }
    const msg = amMessage(mail, fix);
    if (msg.suspicious) warnings.push(`patch ${p.index}: invisible control character ${msg.suspicious.char} in: ${JSON.stringify(msg.suspicious.line)}`);
    for (const t of msg.fix?.ignored ?? []) warnings.push(`patch ${p.index}: ignored ${formatTrailer(t, false)} (--ignore-trailers-from)`);
    out.push(msg.text);
  }
  if (mismatched.length) {
    warnings.push('some trailers were ignored because their address differs from the sender\'s (use --sloppy-trailers to apply them):');
    for (const t of mismatched) warnings.push(`  ! ${t.name}: ${t.value}  (from ${t.sender.name ? `${t.sender.name} <${t.sender.email}>` : t.sender.email})`);
  }
  return { mbox: out.join(''), warnings, series };
}
