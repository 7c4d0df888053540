// `lorescope am`: one series of a loaded mailbox as an am-ready mbox, the same bytes `b4 am -o -` writes.
import type { Address, Mail } from '../model/mail.js';
import type { PatchRef, Reply, Series, Trailer } from '../model/series.js';
import type { Loaded } from '../pipeline/load.js';
import { formatTrailer, makeTrailer, sameTrailer, type ParsedTrailer } from '../series/trailers.js';
import { parseAddresses } from '../mail/addresses.js';
import type { CollectedTrailer, FixOptions } from './fix-trailers.js';
import { amMessage } from './message.js';
import { pickRevision } from './pick.js';
import { cherryPick } from './cherry-pick.js';

export interface AmOptions {
  /** A message of the thread to write: its newest revision of the work is written (b4's rule). */
  msgid?: string;
  /** `-v N`: write revision N instead of the newest. */
  version?: number;
  /** `-P`: only these patches (b4's syntax, see cherry-pick.ts). */
  cherryPick?: string;
  /** Reconstitute a partial reroll from the version it was sent into (default true, as b4). */
  partialReroll?: boolean;
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

/** The newest (or given) series, without a thread to look in: kept for callers that have no forest. */
export function pickSeries(series: Series[], msgid?: string): Series | null {
  const r = pickRevision(series, null, msgid);
  return 'series' in r ? r.series : null;
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

const who = (a: Address) => (a.name ? `${a.name} <${a.email}>` : a.email);

/** Trailers held back because they were written inside a patch a reply carries, in thread order. */
function suggestedPatchTrailers(s: Series): { reply: Reply; trailer: Trailer }[] {
  const replies = [...(s.cover?.replies ?? []), ...s.patches.flatMap((p) => p.replies)];
  return replies.flatMap((reply) => (reply.suggestedPatch?.trailers ?? []).map((trailer) => ({ reply, trailer })));
}

export function writeAm(loaded: Loaded, opts: AmOptions = {}): AmResult {
  const warnings: string[] = [];
  const picked = pickRevision(loaded.model.series, loaded.forest, opts.msgid, opts.version);
  if ('error' in picked) {
    warnings.push(picked.error);
    return { mbox: '', warnings, series: null };
  }
  const series = picked.series;
  // As b4 does when it is given a message of a thread with several revisions.
  if (opts.msgid && picked.revisions.length > 1 && opts.version === undefined) {
    warnings.push(`will use the latest revision: v${series.version} (of ${picked.revisions.map((v) => `v${v}`).join(', ')}; -v N picks another)`);
  }
  const reroll = opts.partialReroll ?? true;
  if (series.partialReroll && reroll) {
    warnings.push(`partial reroll: v${series.version} resends ${series.patches.filter((p) => !p.carriedFrom).map((p) => `${p.index}/${series.total}`).join(', ')}; the others are carried from v${series.partialReroll.version}`);
  }
  let chosen = series.patches.filter((p) => reroll || !p.carriedFrom);
  const missing = reroll ? series.missing : [...series.missing, ...series.patches.filter((p) => p.carriedFrom).map((p) => p.index)].sort((a, b) => a - b);
  if (opts.cherryPick) {
    const cp = cherryPick(opts.cherryPick, chosen, series.total, opts.msgid?.replace(/^<|>$/g, ''));
    if ('error' in cp) {
      warnings.push(cp.error);
      return { mbox: '', warnings, series: null };
    }
    for (const i of cp.indices) if (!chosen.some((p) => p.index === i)) warnings.push(`patch ${i}/${series.total} is missing, cannot cherry-pick it`);
    chosen = chosen.filter((p) => cp.indices.includes(p.index));
  }
  const addTrailers = opts.addTrailers ?? true;
  if (opts.addMySob && !opts.identity) warnings.push('cannot add Signed-off-by: no identity given');
  const ignoreFrom = ignoreList(opts.ignoreTrailersFrom);
  const mismatched: Trailer[] = [];
  const out: string[] = [];
  if (!opts.cherryPick) for (const m of missing) warnings.push(`patch ${m}/${series.total} is missing`);
  for (const p of chosen) {
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
    const msg = amMessage(mail, fix, p.carriedFrom ? series.version : undefined);
    if (msg.suspicious) warnings.push(`patch ${p.index}: invisible control character ${msg.suspicious.char} in: ${JSON.stringify(msg.suspicious.line)}`);
    for (const t of msg.fix?.ignored ?? []) warnings.push(`patch ${p.index}: ignored ${formatTrailer(t, false)} (--ignore-trailers-from)`);
    out.push(msg.text);
  }
  const withheld = suggestedPatchTrailers(series);
  if (withheld.length) {
    warnings.push('trailers written in a patch that a reply carries were not applied (they belong to that patch, not to this series):');
    for (const { reply, trailer } of withheld) {
      warnings.push(`  ~ ${trailer.name}: ${trailer.value}  (${reply.suggestedPatch!.kind} patch in <${reply.msgid}> from ${who(reply.from)})`);
    }
  }
  if (mismatched.length) {
    warnings.push('some trailers were ignored because their address differs from the sender\'s (use --sloppy-trailers to apply them):');
    for (const t of mismatched) warnings.push(`  ! ${t.name}: ${t.value}  (from ${who(t.sender)})`);
  }
  return { mbox: out.join(''), warnings, series };
}
