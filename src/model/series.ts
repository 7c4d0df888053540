// Threads, series, patches, replies and trailers: the mail side of the review model.
import type { Address, IngestError, Mail } from './mail.js';

/** What the subject's bracket groups say. */
export interface SubjectInfo {
  /** Subject with every prefix group and Re:/Fwd: removed. */
  title: string;
  /** Each bracket group's text, in order, e.g. ["LSF/MM/BPF TOPIC", "RFC PATCH v4 00/27"]. */
  groups: string[];
  isReply: boolean;
  isPatch: boolean;
  rfc: boolean;
  resend: boolean;
  /** 1 when no vN is given; 5.1 for a partial reroll. */
  version: number;
  /** Minor part of `v5.1` (1), 0 otherwise. */
  minor: number;
  /** True when the subject names a version (vN); unversioned patches may belong to a versioned cover. */
  explicitVersion: boolean;
  index: number | null;
  total: number | null;
  /** Other words in the prefix groups (subsystem names, "net-next", "TOPIC"). */
  extra: string[];
}

export interface Trailer {
  name: string;
  value: string;
  /** Parsed person for person trailers (Reviewed-by etc.), else null. */
  person: Address | null;
  /** Scope annotation as written: "# for the mm parts", "[for the cgroup bits]", "(Documentation)". */
  scope: string | null;
  /** The annotation exactly as written, for re-emission (b4's extinfo): a `# ...` tail with its leading blanks, or a whole `[...]` next line. */
  extinfo?: string;
  /** Message the trailer was written in. */
  fromMsgid: string;
  /** Sender of that message. */
  sender: Address;
  /** 'patch' = in the patch itself; 'followup' = in a reply; 'cover' = in a reply to the cover letter. */
  source: 'patch' | 'followup' | 'cover';
  /** False when the trailer's address does not match its sender's and sloppy mode is off. */
  applied: boolean;
  /** Why a trailer was not applied. */
  note?: string;
}

export interface Reply {
  msgid: string;
  from: Address;
  subject: string;
  date: string | null;
  /** Message it directly answers (may be another reply). */
  parent: string | null;
  /** The patch or cover letter it belongs to. */
  target: string;
  depth: number;
  trailers: Trailer[];
  /**
   * Set when the reply carries a patch of its own (a diff after the reply text, or an attached
   * patch): the trailers written in that patch, never applied to the series.
   */
  suggestedPatch?: { kind: 'inline' | 'attachment'; trailers: Trailer[] };
}

export interface PatchRef {
  index: number;
  msgid: string;
  subject: string;
  title: string;
  from: Address;
  date: string | null;
  /** Trailers written in the patch itself plus those collected from replies and the cover letter. */
  trailers: Trailer[];
  replies: Reply[];
  /** A partial reroll (`v5.1 10/12`) that replaces this patch, if any. */
  supersededBy?: string;
  /** Set on the reroll: the message it replaces. */
  replaces?: string;
  /** In a partial reroll: the patch was not resent, and is carried from this series (its id). */
  carriedFrom?: string;
}

export interface CoverRef {
  msgid: string;
  subject: string;
  title: string;
  from: Address;
  date: string | null;
  trailers: Trailer[];
  replies: Reply[];
}

export interface Series {
  /** Stable id: cover msgid, or first patch msgid. */
  id: string;
  version: number;
  total: number;
  rfc: boolean;
  resend: boolean;
  title: string;
  author: Address;
  date: string | null;
  cover: CoverRef | null;
  patches: PatchRef[];
  /** Indices 1..total that did not arrive. */
  missing: number[];
  /** Patches with an index beyond total or a duplicated index. */
  extra: PatchRef[];
  /** Patches of partial rerolls (`[PATCH v3 2/2]`, `[PATCH v5.1 10/12]` sent into this series' thread) that replace one of its patches. */
  rerolls: PatchRef[];
  /**
   * Set when this series is a partial reroll: it resends some patches of the series `of` (its id,
   * version `version`) and carries the others over from it (`carriedFrom` on those patches).
   */
  partialReroll?: { of: string; version: number };
  /** Subject prefix words besides PATCH/RFC/vN (e.g. "LSF/MM/BPF TOPIC"). */
  prefixes: string[];
  changeId: string | null;
  baseCommit: string | null;
}

export interface MailIndex {
  byId: Map<string, Mail>;
}

export interface SeriesModel {
  messages: number;
  comments: number;
  /** Messages that are neither patches nor replies to one (e.g. a discussion started without a patch). */
  unattached: number;
  duplicates: number;
  errors: IngestError[];
  series: Series[];
}
