// The words of the digest's "changes since the version before" section, shared by the Markdown and
// HTML digests: which version it is (by title, when the series was renamed), how lorescope knows it
// is the version before, and what each patch was called there. Plain text; each view escapes it.
import type { PreviousVersion, SeriesDigest } from '../../review/digest.js';
import type { PatchChange } from '../../review/interdiff.js';

const sameTitle = (a: string, b: string) => a.toLowerCase().replace(/\s+/g, ' ').trim() === b.toLowerCase().replace(/\s+/g, ' ').trim();

/** "v7 (bugfix and cleanup for blk-throttle)" when the version before had another title, else "v7". */
export function sinceLabel(d: SeriesDigest): string {
  const ch = d.changes!;
  const v = `v${ch.older.version}`;
  return sameTitle(ch.older.title, d.summary.title) ? v : `${v} (${ch.older.title})`;
}

/** Why lorescope takes it for the version before, for a reviewer to judge the match. */
export function matchedByText(p: PreviousVersion, patches: number): string {
  const e = p.evidence;
  switch (p.matchedBy) {
    case 'change-id':
      return 'it has the same change-id';
    case 'link':
      return 'this cover letter links it as an earlier version';
    case 'title':
      return 'it has the same title';
    case 'evidence': {
      const recur = e.patchIds + e.patchTitles;
      const parts = [
        'same author',
        recur ? `${recur} of ${patches} patches recur (${e.patchIds} with the same diff)` : 'no patch recurs by diff or title',
        `${e.sharedFiles} file${e.sharedFiles === 1 ? '' : 's'} in common`,
        `titles ${Math.round(e.titleSimilarity * 100)}% alike`,
      ];
      return `${parts.join('; ')} (score ${e.score})`;
    }
  }
}

/** The line under the heading: which series, posted when, and why it is the version before. */
export function previousLine(d: SeriesDigest): string | null {
  const p = d.previousVersion;
  if (!p) return null;
  const n = p.evidence.days !== null ? Math.round(p.evidence.days) : null;
  const days = n === null ? '' : n === 0 ? ', the same day' : `, ${n} day${n === 1 ? '' : 's'} earlier`;
  return `Version before: ${d.changes?.older.rfc ? 'RFC ' : ''}v${p.version} “${p.title}” (${p.date ? p.date.slice(0, 10) : 'undated'}${days}). Matched because ${matchedByText(p, d.summary.counts.patches)}.`;
}

/** A version in the list of versions: its title too when it differs from the one shown. */
export function versionTitle(title: string, current: string): string | null {
  return sameTitle(title, current) ? null : title;
}

/** A patch's title, with what it was called in the version before when that differs. */
export function patchTitle(p: PatchChange): string {
  const now = (p.newer ?? p.older)!.title;
  return p.older && p.newer && !sameTitle(p.older.title, p.newer.title) ? `${now} (was: ${p.older.title})` : now;
}
