// Merge collected trailers into a patch body the way b4's fix_trailers does: follow-up trailers after
// the patch's own, duplicates dropped, optional Cc:s and ordering, our Signed-off-by always last.
import type { Address } from '../model/mail.js';
import { emailMatches, makeTrailer, sameTrailer, type ParsedTrailer } from '../series/trailers.js';
import { getBodyParts, rebuildMessage } from './body-parts.js';
import { ccSortKey } from './address.js';

export interface CollectedTrailer extends ParsedTrailer {
  /** Who sent the trailer (for --ignore-trailers-from). */
  sender?: Address;
}

export interface FixOptions {
  /** Follow-up and cover-letter trailers, in the order they arrived. */
  followups: CollectedTrailer[];
  /** Extra trailers (the Link:). */
  extras: ParsedTrailer[];
  /** The patch mail's To and Cc addresses when --copy-ccs is on. */
  copyCcs: Address[] | null;
  addMySob: boolean;
  /** Whose Signed-off-by is ours; without one, no sign-off is added or moved. */
  identity: Address | null;
  /** Name globs, e.g. "Cc,Tested*,Reviewed*,*". */
  trailerOrder?: string;
  /** Lower-cased addresses whose trailers are dropped. */
  ignoreFrom: string[];
}

export interface FixResult {
  body: string;
  added: ParsedTrailer[];
  ignored: ParsedTrailer[];
}

const includes = (list: ParsedTrailer[], t: ParsedTrailer): boolean => list.some((x) => sameTrailer(x, t));

/** The message-id a `Link: https://host/path/<msgid>` points at, if it points at one. */
function linkedMsgid(t: ParsedTrailer): string | null {
  if (t.name.toLowerCase() !== 'link') return null;
  const v = t.value.trim().replace(/\/+$/, '');
  let id = v.slice(v.lastIndexOf('/') + 1);
  try {
    id = decodeURIComponent(id);
  } catch {
    /* keep it encoded */
  }
  return id.includes('@') ? id.toLowerCase() : null;
}

/** Already there: the same trailer, or a Link to the same message on another host. */
function present(list: ParsedTrailer[], t: ParsedTrailer): boolean {
  const id = linkedMsgid(t);
  return list.some((x) => sameTrailer(x, t) || (id !== null && linkedMsgid(x) === id));
}

function removeFirst(list: ParsedTrailer[], t: ParsedTrailer): boolean {
  const i = list.findIndex((x) => sameTrailer(x, t));
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
}

/** fnmatch for trailer names: `*`, `?` and `[...]`, whole-name match. */
export function globMatcher(glob: string): (name: string) => boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' && glob.indexOf(']', i + 2) > 0) {
      const close = glob.indexOf(']', i + 2);
      let set = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (set.startsWith('!')) set = '^' + set.slice(1);
      re += `[${set}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const rx = new RegExp(`^(?:${re})$`, 's');
  return (name) => rx.test(name);
}

function ccTrailers(dests: Address[], present: ParsedTrailer[]): ParsedTrailer[] {
  const sorted = dests
    .map((a, i) => ({ a, i, k: ccSortKey(a.email) }))
    .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.i - y.i));
  const out: ParsedTrailer[] = [];
  for (const { a } of sorted) {
    const known = [...present, ...out].some((t) => t.person && emailMatches(t.person.email, a.email));
    if (!known) out.push(makeTrailer('Cc', a.name ? `${a.name} <${a.email}>` : a.email));
  }
  return out;
}

export function fixTrailers(body: string, opts: FixOptions): FixResult {
  const parts = getBodyParts(body);
  const own = [...parts.trailers];
  const id = opts.identity;
  const sob = id ? makeTrailer('Signed-off-by', `${id.name} <${id.email}>`) : null;
  // Our own sign-off always moves below every other trailer.
  const hadMySob = sob ? removeFirst(own, sob) : false;
  let incoming: CollectedTrailer[] = [...opts.followups, ...opts.extras];
  let addMySob = opts.addMySob && sob !== null;
  if (sob && removeFirst(incoming, sob)) addMySob = true;
  if (opts.copyCcs) incoming.push(...ccTrailers(opts.copyCcs, [...own, ...incoming]));

  const order = opts.trailerOrder?.trim();
  if (order && order !== '*') {
    // Ordering applies to our chain of custody only: the patch's trailers below its last Signed-off-by.
    while (own.length && own[own.length - 1].name.toLowerCase() !== 'signed-off-by') incoming.unshift(own.pop()!);
    const ordered: CollectedTrailer[] = [];
    for (const glob of order.split(',').map((g) => g.trim().toLowerCase())) {
      if (!incoming.length) break;
      const match = globMatcher(glob);
      ordered.push(...incoming.filter((t) => match(t.name.toLowerCase())));
      incoming = incoming.filter((t) => !match(t.name.toLowerCase()));
    }
    incoming = [...ordered, ...incoming];
  }

  const final: ParsedTrailer[] = own;
  const added: ParsedTrailer[] = [];
  const ignored: ParsedTrailer[] = [];
  for (const t of incoming) {
    if (present(final, t) || includes(ignored, t)) continue;
    const fromIgnored = (t.person && opts.ignoreFrom.includes(t.person.email.toLowerCase()))
      || (t.sender && opts.ignoreFrom.includes(t.sender.email.toLowerCase()));
    if (fromIgnored) { ignored.push(t); continue; }
    final.push(t);
    added.push(t);
  }
  if (sob && (addMySob || hadMySob)) {
    final.push(sob);
    if (!hadMySob) added.push(sob);
  }
  return { body: rebuildMessage(parts, final), added, ignored };
}
