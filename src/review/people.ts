// Who is who across trailers, replies and MAINTAINERS: the same person often writes from another
// address than the one MAINTAINERS lists, so a name match is kept as a weaker, reported match.
import type { Address } from '../model/mail.js';
import { emailMatches } from '../series/trailers.js';

export type PersonMatch = 'email' | 'name';

/** Lower case, accents and quotes dropped, "Last, First" turned round, blanks collapsed. */
export function normalName(name: string): string {
  let n = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/["']/g, '').trim();
  const comma = n.indexOf(',');
  if (comma > 0 && n.indexOf(',', comma + 1) < 0) n = `${n.slice(comma + 1)} ${n.slice(0, comma)}`;
  return n.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * How two addresses are the same person: by address (case-insensitive, b4's +tag and subdomain
 * forgiveness), else by a full name of at least two words; null when neither.
 */
export function matchPerson(a: Address, b: Address): PersonMatch | null {
  if (a.email && b.email && emailMatches(a.email, b.email)) return 'email';
  const na = normalName(a.name);
  if (na.includes(' ') && na === normalName(b.name)) return 'name';
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
