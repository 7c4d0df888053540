// The review model: series from the mail, joined with diff analysis, MAINTAINERS and rule findings.
// Every view (check, TUI, digest, GitHub) reads only this; it serialises to JSON as is.
import type { Address, IngestError } from './mail.js';
import type { CoverRef, PatchRef, Reply, Series, Trailer } from './series.js';
import type { DiffStat, FileDiff } from '../diff/types.js';
import type { Discussion } from './discussion.js';
import type { SeriesLineage } from './lineage.js';
import type { SeriesStat } from '../diff/series-stat.js';

export type Severity = 'info' | 'warn' | 'high';

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** The rule's message with placeholders filled: why a reviewer should look. */
  message: string;
  rationale: string;
  link?: string;
  /** 0 for series-level findings (cover letter / whole series). */
  patchIndex: number;
  msgid: string | null;
  file: string | null;
  line: number | null;
  side: 'new' | 'old' | null;
  /** The matched line or a short description of what matched. */
  text: string;
  /** Stable across versions: rule id + path + normalised text + occurrence. */
  fingerprint: string;
}

export interface SectionRef {
  name: string;
  status: string | null;
  maintainers: Address[];
  reviewers: Address[];
  lists: string[];
  trees: string[];
  tags: string[];
}

export interface MissingRecipient {
  /** The address MAINTAINERS asks for. */
  email: string;
  name: string;
  role: 'maintainer' | 'reviewer' | 'list';
  section: string;
}

/** A review comment that quotes the patch, anchored to the hunk line it quotes. */
export interface CommentAnchor {
  replyMsgid: string;
  file: string;
  /** Line on the side given (new for added/context lines, old for removed lines). */
  line: number;
  side: 'new' | 'old';
  /** The reply's own words after the quote (first lines), for display. */
  excerpt: string;
  author: Address;
}

/** A patch a reviewer sent in a reply (inline after their text, or attached). */
export interface SuggestedPatch {
  replyMsgid: string;
  from: Address;
  date: string | null;
  kind: 'inline' | 'attachment';
  /** The message the reply answers. */
  inReplyTo: string | null;
  files: { path: string; status: string; additions: number; deletions: number }[];
  diffstat: DiffStat;
  /** Trailers written in the suggested patch: never applied to the series. */
  trailers: Trailer[];
}

export interface ReviewPatch extends PatchRef {
  /** Commit message (before the first `---`), as sent. */
  message: string;
  files: FileDiff[];
  diffstat: DiffStat;
  tags: string[];
  sections: SectionRef[];
  missingRecipients: MissingRecipient[];
  findings: Finding[];
  anchors: CommentAnchor[];
  /** Messages this patch's diff could not be analysed from (no diff, combined diff...). */
  diffWarnings: string[];
  /** Patches reviewers sent in replies to this patch. */
  suggestions: SuggestedPatch[];
}

export interface ReviewSeries extends Omit<Series, 'patches'> {
  patches: ReviewPatch[];
  cover: (CoverRef & { message: string; suggestions: SuggestedPatch[] }) | null;
  /** The net change of the whole series (the cover letter's diffstat), not the sum over patches. */
  diffstat: SeriesStat;
  tags: string[];
  /** Series-level findings (patchIndex 0) and every patch's findings. */
  findings: Finding[];
  /** Series ids of every version of the same work, in posting order (this one included), across title changes. */
  versions: string[];
  /** Sub-threads, people and who spoke for each touched section (src/review/discussion.ts). */
  discussion: Discussion;
  /** Series id (cover or first patch Message-ID) of the version before this one; null for a first version. */
  previous: string | null;
  /** How `previous` was found and which patch became which; null for a first version. */
  lineage: SeriesLineage | null;
}

export interface ReviewModel {
  lorescope: 1;
  messages: number;
  comments: number;
  unattached: number;
  duplicates: number;
  errors: IngestError[];
  series: ReviewSeries[];
  /** Where MAINTAINERS came from, or null when no tree/file was given (no sections then). */
  maintainers: string | null;
  /** Rule ids evaluated (empty when rules were not run). */
  rules: string[];
  /** The .mailmap people were matched with (`--tree`), or null. */
  mailmap: string | null;
}

export type { Address, Reply, Trailer };
export type { Discussion } from './discussion.js';
