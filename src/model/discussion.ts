// The discussion of a series as data: its people (one person across addresses and spellings), its
// sub-threads (each direct reply to the cover letter or a patch opens one) and, for each MAINTAINERS
// section the series touches, which of its people spoke and which have been silent.
import type { Address } from './mail.js';

/** How an address was tied to a person: the same address, the tree's .mailmap, or the same full name. */
export type Evidence = 'email' | 'mailmap' | 'name';

export interface PersonRole {
  section: string;
  role: 'maintainer' | 'reviewer';
  /** The entry as MAINTAINERS lists it. */
  listed: Address;
  /** How the person's mail was tied to that entry. */
  matchedBy: Evidence;
}

export interface Participant {
  /** Stable within the series: the first address the person is known by, lower-cased. */
  id: string;
  /** As most often written in the mail ("David Hildenbrand (Arm)"). */
  name: string;
  /** Every address known for the person (mail, trailers, MAINTAINERS, .mailmap), lower-cased. */
  emails: string[];
  /** Every spelling seen. */
  names: string[];
  /** Affiliations written after the name: "Arm" for "David Hildenbrand (Arm)". */
  affiliations: string[];
  /** Sent the cover letter or a patch of the series. */
  author: boolean;
  /** Messages of the series' thread they sent: cover letter, patches and replies. */
  messages: number;
  /** Of those, replies. */
  replies: number;
  /** Sub-threads they wrote in. */
  subThreads: number;
  first: string | null;
  last: string | null;
  /** M:/R: entries of the touched sections that are this person. */
  roles: PersonRole[];
  /** How each address beyond the first was tied to the person. */
  joins: { email: string; to: string; by: Evidence }[];
}

export interface ThreadMessage {
  msgid: string;
  parent: string | null;
  /** 1 for the reply that opens the sub-thread. */
  depth: number;
  /** Participant id. */
  from: string;
  date: string | null;
  /** The first lines of its own words (no quote, greeting or signature), one line, bounded. */
  gist: string;
  /** Lines of its own words. */
  lines: number;
  /** Names of the trailers it gives (Acked-by, …). */
  trailers: string[];
  /** Only agrees, thanks or gives a review trailer (see README: Discussion). */
  closing: boolean;
  /** Files of the patch it suggests ("something like this" and a diff, or an attachment); [] when none. */
  suggests: string[];
}

/** waiting-author: a reviewer's word has no answer; waiting-reviewer: the author answered and nobody replied; settled: every branch ends in an ack or thanks. */
export type SubThreadState = 'waiting-author' | 'waiting-reviewer' | 'settled';

export interface Pending {
  /** The unanswered message: the last one of its branch. */
  msgid: string;
  from: string;
  date: string | null;
  /** Who is expected to answer (participant ids); empty: any reviewer. */
  waitingFor: string[];
  gist: string;
}

export interface SubThread {
  /** Message-ID of the reply that opens it. */
  id: string;
  /** What it answers: the cover letter (patch 0) or a patch. */
  target: { patch: number; msgid: string };
  /** Participant id of the one who opened it. */
  opener: string;
  gist: string;
  first: string | null;
  last: string | null;
  messages: number;
  /** Lines of own words in all its messages (quotes not counted). */
  lines: number;
  participants: { id: string; messages: number }[];
  state: SubThreadState;
  /** One sentence saying why the state is what it is. */
  why: string;
  pending: Pending[];
  /** Patches whose diff it quotes or that it names ("patch 12", "12/27"), and files it quotes, names or suggests a patch for. */
  quotes: { patches: number[]; files: string[] };
  /** Its messages in discussion order (depth first, siblings by date). */
  thread: ThreadMessage[];
}

export interface SectionVoices {
  name: string;
  status: string | null;
  /** M:/R: people of the section who wrote in the thread. */
  spoke: { person: string; name: string; email: string; role: 'maintainer' | 'reviewer'; matchedBy: Evidence; messages: number; subThreads: string[] }[];
  /** M:/R: people of the section who have not written in the thread. */
  silent: { name: string; email: string; role: 'maintainer' | 'reviewer' }[];
}

export interface Discussion {
  /** Everyone the series' mail names as a sender or a trailer's person; senders first, most messages first. */
  people: Participant[];
  subThreads: SubThread[];
  /** Touched MAINTAINERS sections (THE REST left out), in the order the patches touch them. */
  sections: SectionVoices[];
  /** Full names MAINTAINERS lists under several addresses nothing else ties together: not used to tie anyone. */
  ambiguousNames: { name: string; emails: string[] }[];
  counts: { subThreads: number; waitingAuthor: number; waitingReviewer: number; settled: number; participants: number };
}
