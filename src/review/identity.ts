// One person across addresses and spellings. Kernel people move between employers and to kernel.org
// addresses, and add "(Arm)" or "(SUSE)" to their names; MAINTAINERS lists one address per entry.
//
// Evidence required to tie two addresses to one person (strongest first):
//  - address: the same address (case-insensitive, b4's +tag and one-subdomain forgiveness);
//  - mailmap: the tree's .mailmap maps one onto the other (a name-qualified entry only when the
//    name written matches it too);
//  - name: the same full name (see `personNameKey`: affiliation dropped, case, accents and dots
//    folded, at least two words of two letters or more), and the name is not ambiguous: when the
//    MAINTAINERS sections at hand list that name under two addresses that nothing else ties
//    together (of the 106 names MAINTAINERS-6.12 lists under several addresses, nearly all are one
//    person who moved; the exception we found is two different "Bin Liu"s), no address is tied to
//    either by name. A name tie is always
//    reported as such (`joins[].by === 'name'`), so a reader can check it.
// A relayed From ("X via Linux-foo <list@…>", a list rewriting the sender for DMARC) ties nothing by
// address: the list's address is everyone's. b4's relay addresses (devnull+…@kernel.org) are per person.
import type { Address } from '../model/mail.js';
import type { Mailmap } from '../maintainers/types.js';
import { parseEmail } from '../maintainers/email.js';
import { emailMatches } from '../series/trailers.js';
import { baseName, personNameKey as nameKey, type PersonMatch } from './people.js';
import { UnionFind } from '../util/union-find.js';

export type MentionSource = 'thread' | 'trailer' | 'listed';

export interface Mention {
  who: Address;
  source: MentionSource;
}

export interface Join {
  /** The address tied in (lower case). */
  email: string;
  /** The address it was tied to. */
  to: string;
  by: PersonMatch;
}

export interface IdentityGroup {
  /** Lower-cased addresses of the person; mail addresses first, in order of first mention. */
  emails: string[];
  /** The mentions of the person, in input order. */
  mentions: Mention[];
  /** How each address beyond the first was tied in. */
  joins: Join[];
}

export interface IdentityIndex {
  groups: IdentityGroup[];
  /** The group an address belongs to, or -1 when it was never mentioned. */
  groupOf(a: Address): number;
  /** How two mentioned addresses are tied: null when they are different people (or unknown). */
  evidence(a: Address, b: Address): PersonMatch | null;
  /** Full names seen under several listed addresses with nothing else tying them: never used to tie. */
  ambiguousNames: { name: string; emails: string[] }[];
}

export interface IdentityOptions {
  mailmap?: Mailmap;
}

const RANK: Record<PersonMatch, number> = { email: 3, mailmap: 2, name: 1 };

function relayed(a: Address): boolean {
  return /\svia\s+\S/i.test(a.name) && !/^devnull\+/i.test(a.email);
}

/** The union-find key of an address: lower case, +tag dropped; relayed and nameless ones made unique. */
function addressKey(a: Address, personNameKey: (n: string) => string | null): string {
  const e = a.email.toLowerCase().replace(/\+[^@]*@/, '@');
  if (!e) return `name:${(personNameKey(a.name) ?? a.name).toLowerCase()}`;
  return relayed(a) ? `relay:${e}:${(personNameKey(a.name) ?? a.name).toLowerCase()}` : e;
}

/** Address → canonical address, lower-cased, with the name an entry is qualified by (get_maintainer.pl's keys). */
type MailmapTable = Map<string, { to: string; names: Set<string | null> }>;
/** Built once per .mailmap: a digest of a list archive resolves thousands of series with one. */
const TABLES = new WeakMap<Mailmap, MailmapTable>();

function mailmapTable(map: Mailmap): MailmapTable {
  const cached = TABLES.get(map);
  if (cached) return cached;
  const out: MailmapTable = new Map();
  for (const [key, to] of map.addresses) {
    const { name, address } = key.includes('<') ? parseEmail(key) : { name: '', address: key };
    const from = address.toLowerCase();
    if (!from || !to || from === to.toLowerCase()) continue;
    const entry = out.get(from) ?? { to: to.toLowerCase(), names: new Set<string | null>() };
    entry.names.add(name ? nameKey(name) : null);
    out.set(from, entry);
  }
  TABLES.set(map, out);
  return out;
}

export function resolveIdentities(mentions: Mention[], opts: IdentityOptions = {}): IdentityIndex {
  const names = new Map<string, string | null>();
  const personNameKey = (n: string) => {
    let k = names.get(n);
    if (k === undefined) names.set(n, (k = nameKey(n)));
    return k;
  };
  const keyOf = (a: Address) => addressKey(a, personNameKey);
  const uf = new UnionFind<string>();
  const edges: Join[] = [];
  const link = (a: string, b: string, by: PersonMatch) => {
    if (uf.union(a, b)) edges.push({ email: b, to: a, by });
  };
  const keys: string[] = [];
  for (const m of mentions) {
    const k = keyOf(m.who);
    if (!uf.has(k)) keys.push(k);
    uf.add(k);
  }
  // 1. Addresses that differ only by one subdomain level (b4's forgiveness); +tags are in the key.
  const byLocal = new Map<string, string[]>();
  for (const k of keys) {
    const at = k.indexOf('@');
    if (at <= 0 || k.includes(':')) continue;
    const local = k.slice(0, at);
    const list = byLocal.get(local) ?? [];
    for (const o of list) if (emailMatches(o, k)) link(o, k, 'email');
    list.push(k);
    byLocal.set(local, list);
  }
  // 2. The tree's .mailmap.
  if (opts.mailmap && (opts.mailmap.addresses.size || opts.mailmap.names.size)) {
    const table = mailmapTable(opts.mailmap);
    for (const m of mentions) {
      const k = keyOf(m.who);
      const e = table.get(k);
      if (!e) continue;
      if (!e.names.has(null) && !e.names.has(personNameKey(m.who.name))) continue;
      if (!uf.has(e.to)) {
        uf.add(e.to);
        keys.push(e.to);
      }
      link(e.to, k, 'mailmap');
    }
  }
  // 3. The same full name, unless MAINTAINERS lists it for two people nothing else ties together.
  const byName = new Map<string, { keys: Set<string>; listedRoots: Set<string> }>();
  for (const m of mentions) {
    const n = personNameKey(m.who.name);
    if (n === null) continue;
    const g = byName.get(n) ?? { keys: new Set<string>(), listedRoots: new Set<string>() };
    g.keys.add(keyOf(m.who));
    byName.set(n, g);
  }
  const ambiguousNames: IdentityIndex['ambiguousNames'] = [];
  for (const m of mentions) {
    const n = personNameKey(m.who.name);
    if (n !== null && m.source === 'listed') byName.get(n)!.listedRoots.add(uf.find(keyOf(m.who)));
  }
  for (const [name, g] of byName) {
    // Roots move as names tie groups together: count the listed people as they stand now.
    const roots = new Set([...g.listedRoots].map((r) => uf.find(r)));
    if (roots.size > 1) {
      ambiguousNames.push({ name, emails: [...g.keys].filter((k) => roots.has(uf.find(k))).sort() });
      continue;
    }
    const [first, ...rest] = [...g.keys];
    for (const k of rest) link(first, k, 'name');
  }

  const rootIndex = new Map<string, number>();
  const groups: IdentityGroup[] = [];
  const groupOfKey = new Map<string, number>();
  const emailOf = (k: string) => (k.startsWith('relay:') ? k.split(':')[1] : k.startsWith('name:') ? '' : k);
  for (const m of mentions) {
    const k = keyOf(m.who);
    const r = uf.find(k);
    let gi = rootIndex.get(r);
    if (gi === undefined) {
      gi = groups.length;
      rootIndex.set(r, gi);
      groups.push({ emails: [], mentions: [], joins: [] });
    }
    groupOfKey.set(k, gi);
    const g = groups[gi];
    g.mentions.push(m);
    const e = emailOf(k);
    if (e && !g.emails.includes(e)) g.emails.push(e);
  }
  // Addresses known only from the .mailmap belong to the person too.
  for (const k of keys) {
    const gi = rootIndex.get(uf.find(k));
    if (gi === undefined) continue;
    groupOfKey.set(k, gi);
    const e = emailOf(k);
    if (e && !groups[gi].emails.includes(e)) groups[gi].emails.push(e);
  }
  for (const j of edges) {
    const gi = groupOfKey.get(j.email);
    if (gi !== undefined) groups[gi].joins.push({ email: emailOf(j.email) || j.email, to: emailOf(j.to) || j.to, by: j.by });
  }

  const adjacency = new Map<string, { to: string; by: PersonMatch }[]>();
  for (const j of edges) {
    for (const [a, b] of [[j.email, j.to], [j.to, j.email]]) {
      const list = adjacency.get(a) ?? [];
      list.push({ to: b, by: j.by });
      adjacency.set(a, list);
    }
  }
  /** The weakest evidence on the strongest path between two keys of one group (widest-path search). */
  const pathEvidence = (from: string, to: string): PersonMatch | null => {
    if (from === to) return 'email';
    const best = new Map<string, number>([[from, 3]]);
    const todo = [from];
    while (todo.length) {
      const cur = todo.pop()!;
      for (const e of adjacency.get(cur) ?? []) {
        const w = Math.min(best.get(cur)!, RANK[e.by]);
        if ((best.get(e.to) ?? 0) < w) {
          best.set(e.to, w);
          todo.push(e.to);
        }
      }
    }
    const w = best.get(to);
    return w === 3 ? 'email' : w === 2 ? 'mailmap' : w === 1 ? 'name' : null;
  };

  return {
    groups,
    ambiguousNames,
    groupOf: (a) => groupOfKey.get(keyOf(a)) ?? -1,
    evidence: (a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      const ga = groupOfKey.get(ka);
      if (ga === undefined || ga !== groupOfKey.get(kb)) return null;
      return pathEvidence(ka, kb);
    },
  };
}

/** The name a group goes by: the spelling written most often in mail (listed spellings only as a fallback). */
export function groupName(g: IdentityGroup): string {
  const counts = new Map<string, number>();
  for (const m of g.mentions) {
    const n = displayName(m.who.name);
    if (!n) continue;
    counts.set(n, (counts.get(n) ?? 0) + (m.source === 'thread' ? 100 : m.source === 'trailer' ? 10 : 1));
  }
  let best = '';
  let bestN = 0;
  for (const [n, c] of counts) if (c > bestN) [best, bestN] = [n, c];
  if (best) return best;
  return g.emails[0] ?? '';
}

/** A written name as shown: quotes, a relay suffix and a doubled "Name/Name" dropped, the affiliation kept. */
export function displayName(name: string): string {
  const n = name.slice(0, 200).replace(/^"(.*)"$/, '$1').replace(/\s+via\s+\S.*$/i, '').trim();
  const aff = /\s*\([^()]{1,40}\)$/.exec(n)?.[0] ?? '';
  const base = baseName(n);
  return base ? base + aff : n;
}
