// Who is who across trailers, replies and MAINTAINERS: the same person often writes from another
// address than the one MAINTAINERS lists, so a name match is kept as a weaker, reported match.
import type { Address } from '../model/mail.js';
import { emailMatches } from '../series/trailers.js';

/** How a mail address was tied to a listed one: same address, the tree's .mailmap, or the same full name. */
export type PersonMatch = 'email' | 'mailmap' | 'name';

/** Lower case, accents and quotes dropped, "Last, First" turned round, blanks collapsed. */
export function normalName(name: string): string {
  let n = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/["']/g, '').trim();
  const comma = n.indexOf(',');
  if (comma > 0 && n.indexOf(',', comma + 1) < 0) n = `${n.slice(comma + 1)} ${n.slice(0, comma)}`;
  return n.toLowerCase().replace(/\s+/g, ' ').trim();
}

const MAX_NAME = 200;

/**
 * The name a person goes by, without what mailers and 2020s habits add around it: a trailing
 * affiliation in parentheses or brackets ("David Hildenbrand (Arm)", "Jiri Slaby (SUSE)"), b4's
 * relay suffix ("X via B4 Relay") and the doubled "Name/Name" some corporate mailers write.
 */
export function baseName(name: string): string {
  let n = name.slice(0, MAX_NAME).replace(/^"(.*)"$/, '$1').trim();
  n = n.replace(/\s+via\s+\S.*$/i, '');
  // Only a short trailing group is an affiliation; "(Documentation)"-like scope text never reaches here.
  n = n.replace(/\s*[([][^()[\]]{1,40}[)\]]\s*$/, '');
  const slash = n.indexOf('/');
  if (slash > 0 && n.slice(0, slash).trim() === n.slice(slash + 1).trim()) n = n.slice(0, slash);
  return n.trim();
}

/** The affiliation a display name carries in a trailing parenthesis ("Arm" for "David Hildenbrand (Arm)"), or null. */
export function affiliation(name: string): string | null {
  const m = /\(([^()]{1,40})\)\s*$/.exec(name.slice(0, MAX_NAME).replace(/^"(.*)"$/, '$1').replace(/\s+via\s+\S.*$/i, ''));
  return m ? m[1].trim() : null;
}

/**
 * A name good enough to tie two addresses to one person: `baseName` normalised, dots dropped, with
 * at least two words of two letters or more ("J. Smith" and "Michal" are not); null otherwise.
 */
export function personNameKey(name: string): string | null {
  const n = normalName(baseName(name)).replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
  const words = n.split(' ').filter((w) => [...w].length >= 2);
  return words.length >= 2 ? n : null;
}

/**
 * How two addresses are the same person: by address (case-insensitive, b4's +tag and subdomain
 * forgiveness), else by a full name of at least two words (affiliations dropped); null when neither.
 */
export function matchPerson(a: Address, b: Address): PersonMatch | null {
  if (a.email && b.email && emailMatches(a.email, b.email)) return 'email';
  const na = personNameKey(a.name);
  if (na !== null && na === personNameKey(b.name)) return 'name';
  return null;
}

/** A stable key for grouping one person's actions: the lower-cased address. */
export function personKey(a: Address): string {
  return (a.email || a.name).toLowerCase();
}

/** First word of a display name ("Oskar" for "Oskar Lindqvist"), or null when there is none. */
export function firstName(a: Address): string | null {
  const n = a.name.replace(/["']/g, '').trim();
  const comma = n.indexOf(',');
  const given = comma > 0 ? n.slice(comma + 1).trim() : n;
  const w = given.split(/\s+/)[0];
  return w && w.length >= 3 && !w.includes('@') ? w : null;
}

export function displayName(a: Address): string {
  return a.name ? a.name.replace(/^"(.*)"$/, '$1') : a.email;
}
