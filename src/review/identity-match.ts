// Person matching for views of the review model: through the discussion's identities when both
// addresses are known there (so .mailmap ties count and an ambiguous name ties nobody), by
// `matchPerson` otherwise.
import type { Address } from '../model/mail.js';
import type { Discussion, Participant } from '../model/discussion.js';
import { emailMatches } from '../series/trailers.js';
import { matchPerson, type PersonMatch } from './people.js';

export type PersonMatcher = (listed: Address, who: Address) => PersonMatch | null;

const key = (e: string) => e.toLowerCase().replace(/\+[^@]*@/, '@');

export function discussionMatcher(d: Discussion | undefined): PersonMatcher {
  if (!d) return matchPerson;
  const byEmail = new Map<string, Participant>();
  for (const p of d.people) for (const e of p.emails) byEmail.set(key(e), p);
  return (listed, who) => {
    if (listed.email && who.email && emailMatches(listed.email, who.email)) return 'email';
    const pw = who.email ? byEmail.get(key(who.email)) : undefined;
    if (!pw) return matchPerson(listed, who);
    if (!listed.email || byEmail.get(key(listed.email)) !== pw) return null;
    const role = pw.roles.find((r) => key(r.listed.email) === key(listed.email));
    return role?.matchedBy ?? pw.joins.find((j) => key(j.email) === key(listed.email) || key(j.to) === key(listed.email))?.by ?? 'name';
  };
}
