// Version lineage: which series is the version before which, even when the title changed. The
// summary is the matcher's whole input (an index row can hold it); the rest is its output.
import type { Address } from './mail.js';

export type ChangeKind = 'unchanged' | 'changed' | 'new' | 'dropped';
export type PairedBy = 'patch-id' | 'subject' | 'files';

/** What pairing needs to know of a patch: no diff lines, so an index can store it. */
export interface PatchKey {
  index: number;
  title: string;
  /** Paths the patch touches. */
  files: string[];
  /** `patchId()` of its diff; null when the mail carries no diff. */
  patchId: string | null;
}

/** What the lineage matcher knows of one series. */
export interface LineageSummary {
  /** Series id: the Message-ID of the cover letter, or of the first patch. */
  id: string;
  author: Address;
  date: string | null;
  version: number;
  rfc: boolean;
  title: string;
  changeId: string | null;
  patches: PatchKey[];
  /** Every Message-ID of the series' own messages (cover and patches), for links to resolve to. */
  messageIds: string[];
  /** Message-IDs the cover letter (or a lone patch's notes) names as earlier versions ("v2: https://lore…/ID/"). */
  versionLinks: string[];
}

export interface Evidence {
  /** Patches paired by patch-id (the same diff). */
  patchIds: number;
  /** Further patches paired by the same title. */
  patchTitles: number;
  /** Files both versions touch. */
  sharedFiles: number;
  /** Jaccard index of the two sets of touched files. */
  fileJaccard: number;
  /** Word overlap of the two series titles without subsystem prefixes (0..1). */
  titleSimilarity: number;
  /** Days from the older posting to the newer one; null when either is undated. */
  days: number | null;
  /** P + F/2 + T/2 (see README, "Version lineage"). */
  score: number;
}

/** How the version before was found, strongest first. */
export type LinkKind = 'change-id' | 'link' | 'title' | 'evidence';

export interface LineageLink {
  older: string;
  newer: string;
  by: LinkKind;
  evidence: Evidence;
}

/** One patch of the older version and what became of it (indices; null for new/dropped). */
export interface PatchMapping {
  kind: ChangeKind;
  older: number | null;
  newer: number | null;
  by: PairedBy | null;
}

/** On a series: its version before, how it was matched, and which patch became which. */
export interface SeriesLineage {
  /** Series id of the version before (cover or first patch Message-ID). */
  previous: string;
  version: number;
  title: string;
  matchedBy: LinkKind;
  evidence: Evidence;
  patches: PatchMapping[];
}
