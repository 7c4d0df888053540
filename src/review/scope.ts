// Scoped trailers: `Acked-by: X # for the cgroup parts` on a cover letter applies to the cgroup
// patch only. b4 keeps the annotation as text and still applies the ack everywhere; we narrow it.
import type { Address, Mail } from '../model/mail.js';
import type { ReviewPatch, ReviewSeries, Trailer } from '../model/review.js';
import { parseScope, SCOPE_NOUNS, termMatches, type ScopeBy } from './scope-terms.js';

export type { ScopeBy };

export interface ScopeMatch {
  patch: number;
  by: ScopeBy;
  /** The term or number that matched ("cgroup", "3"). */
  term: string;
}

export interface ScopeResolution {
  /** The scope as written ("# for the cgroup parts"), or the sentence phrase it came from; null when none. */
  text: string | null;
  /** Where the scope came from: the trailer's own annotation, or a sentence in the same reply. */
  origin: 'annotation' | 'sentence' | null;
  /** Indices of the patches the trailer applies to. */
  patches: number[];
  /** True when the scope left out patches the trailer would otherwise cover. */
  narrowed: boolean;
  matches: ScopeMatch[];
  /** Set when a scope was written but could not be resolved: the trailer then applies to all it covers. */
  unresolved?: string;
}

export interface ScopedTrailer {
  name: string;
  value: string;
  person: Address | null;
  sender: Address;
  fromMsgid: string;
  source: Trailer['source'];
  applied: boolean;
  note?: string;
  /** The patch the trailer was given on (in it or in a reply to it); null for cover-letter trailers. */
  givenOn: number | null;
  scope: ScopeResolution;
}

const MAX_BODY = 64 * 1024;
const MAX_PARAGRAPH = 2000;
const LOOKAHEAD = 7;

/** The reply's own paragraphs: unquoted lines above the signature, trailer lines left out. */
function ownParagraphs(body: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) out.push(cur.join(' ').slice(0, MAX_PARAGRAPH));
    cur = [];
  };
  for (const raw of body.slice(0, MAX_BODY).split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '-- ') break;
    if (line.startsWith('>') || line.trim() === '' || /^[A-Za-z][\w-]*-by:\s/.test(line)) {
      flush();
      continue;
    }
    cur.push(line.trim());
  }
  flush();
  return out;
}

/**
 * A scope phrase in running text: "for patches 3-7", "for the cxl changes". Found by tokens: `for`,
 * then within a few words either `patch(es) N...` or a scope noun ("parts", "bits", "changes").
 */
export function scopeSentences(body: string): string[] {
  const found: string[] = [];
  for (const para of ownParagraphs(body)) {
    const ws = para.split(/\s+/);
    for (let i = 0; i < ws.length; i++) {
      if (ws[i].toLowerCase() !== 'for') continue;
      for (let j = i + 1; j < Math.min(ws.length, i + 1 + LOOKAHEAD); j++) {
        const w = ws[j].toLowerCase().replace(/[.,;:!?)]+$/, '');
        if (w === 'patch' || w === 'patches') {
          let k = j + 1;
          while (k < ws.length && k < j + 12) {
            const joiner = /^(and|to|&)$/i.test(ws[k]) && k + 1 < ws.length && /^[#\d]/.test(ws[k + 1]);
            if (!joiner && !/^[#\d]/.test(ws[k])) break;
            k++;
          }
          if (k > j + 1) found.push(ws.slice(i, k).join(' '));
          break;
        }
        if (SCOPE_NOUNS.has(w)) {
          found.push(ws.slice(i, j + 1).join(' '));
          break;
        }
      }
    }
  }
  return found;
}

/** Resolve a scope text against the patches a trailer would otherwise cover. */
export function resolveScope(text: string, candidates: ReviewPatch[]): { matches: ScopeMatch[]; unresolved?: string } {
  const { numbers, terms } = parseScope(text);
  const matches: ScopeMatch[] = [];
  const indices = new Set(candidates.map((p) => p.index));
  for (const n of numbers) if (indices.has(n)) matches.push({ patch: n, by: 'patch-numbers', term: String(n) });
  const unmatched: string[] = [];
  for (const term of terms) {
    let hit = false;
    for (const p of candidates) {
      const by = termMatches(term, p);
      if (by) {
        matches.push({ patch: p.index, by, term });
        hit = true;
      }
    }
    if (!hit) unmatched.push(term);
  }
  if (matches.length) return { matches };
  if (numbers.length) return { matches, unresolved: `no patch ${numbers.join(', ')} in this series` };
  if (unmatched.length) return { matches, unresolved: `no patch matches ${unmatched.map((t) => `"${t}"`).join(', ')} by subject, tag, section or path` };
  return { matches, unresolved: 'the scope names no patches, subsystems or paths' };
}

function resolution(text: string | null, origin: ScopeResolution['origin'], all: ReviewPatch[]): ScopeResolution {
  const everything = all.map((p) => p.index);
  if (text === null) return { text, origin, patches: everything, narrowed: false, matches: [] };
  const r = resolveScope(text, all);
  if (!r.matches.length) return { text, origin, patches: everything, narrowed: false, matches: [], unresolved: r.unresolved };
  const patches = [...new Set(r.matches.map((m) => m.patch))].sort((a, b) => a - b);
  return { text, origin, patches, narrowed: patches.length < everything.length, matches: r.matches };
}

function scoped(t: Trailer, givenOn: number | null, scope: ScopeResolution): ScopedTrailer {
  const out: ScopedTrailer = {
    name: t.name,
    value: t.value,
    person: t.person,
    sender: t.sender,
    fromMsgid: t.fromMsgid,
    source: t.source,
    applied: t.applied,
    givenOn,
    scope,
  };
  if (t.note) out.note = t.note;
  return out;
}

/**
 * Every trailer of the series with the patches it applies to. Cover-letter trailers cover every
 * patch unless their annotation, or a scope sentence in the same reply, narrows them; a sentence
 * counts only when it resolves (running text says "for the changes" too often to trust it alone).
 */
export function scopeTrailers(series: ReviewSeries, mails: Map<string, Mail>): ScopedTrailer[] {
  const out: ScopedTrailer[] = [];
  const sentencesOf = new Map<string, string[]>();
  const sentences = (msgid: string): string[] => {
    let s = sentencesOf.get(msgid);
    if (!s) {
      const body = mails.get(msgid)?.body ?? '';
      s = scopeSentences(body);
      sentencesOf.set(msgid, s);
    }
    return s;
  };
  const person = (t: Trailer) => t.person !== null;
  for (const t of (series.cover?.trailers ?? []).filter(person)) {
    if (t.scope) {
      out.push(scoped(t, null, resolution(t.scope, 'annotation', series.patches)));
      continue;
    }
    const hit = sentences(t.fromMsgid)
      .map((s) => resolution(s, 'sentence', series.patches))
      .find((r) => r.matches.length > 0);
    out.push(scoped(t, null, hit ?? resolution(null, null, series.patches)));
  }
  for (const p of series.patches) {
    for (const t of p.trailers.filter((x) => x.source !== 'cover' && person(x))) {
      // A trailer given on one patch stays on it; its scope is kept to show what part it vouches for.
      const r = t.scope ? resolution(t.scope, 'annotation', [p]) : resolution(null, null, [p]);
      out.push(scoped(t, p.index, { ...r, patches: [p.index], narrowed: false }));
    }
  }
  return out;
}

/** The trailers that apply to one patch after scope narrowing. */
export function trailersFor(patch: number, trailers: ScopedTrailer[]): ScopedTrailer[] {
  return trailers.filter((t) => t.scope.patches.includes(patch));
}
