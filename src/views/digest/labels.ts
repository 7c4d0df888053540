// Words and marks shared by the Markdown and HTML digests, so both say the same thing.
import type { Address } from '../../model/mail.js';
import type { Action, CellStatus, SectionCoverage } from '../../review/coverage.js';
import type { ChangeKind } from '../../review/interdiff.js';
import type { FeedbackItem } from '../../review/feedback.js';
import type { ScopedTrailer } from '../../review/scope.js';

export const CELL_MARK: Record<CellStatus, string> = { reviewed: '✓', commented: '✎', replied: '↩', none: '✗' };
export const CELL_WORD: Record<CellStatus, string> = { reviewed: 'reviewed', commented: 'commented', replied: 'replied', none: 'nothing yet' };
export const COVERAGE_WORD: Record<SectionCoverage['coverage'], string> = { covered: 'covered', partial: 'partially reviewed', none: 'not reviewed' };
export const CHANGE_WORD: Record<ChangeKind, string> = { unchanged: 'unchanged', changed: 'changed', new: 'new', dropped: 'dropped' };
export const STATUS_WORD: Record<FeedbackItem['status'], string> = { open: 'open', answered: 'answered', resolved: 'resolved' };

export function person(a: Address): string {
  return a.name ? `${a.name.replace(/^"(.*)"$/, '$1')} <${a.email}>` : a.email;
}

export function shortPerson(a: { name: string; email: string }): string {
  return a.name ? a.name.replace(/^"(.*)"$/, '$1') : a.email;
}

export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'undated';
}

export function action(a: Action): string {
  switch (a.kind) {
    case 'trailer':
      return `${a.name}${a.viaCover ? ' (on the cover letter)' : a.inPatch ? ' (carried in the patch)' : ''}`;
    case 'comment':
      return `comment on ${a.file}:${a.line}`;
    case 'reply':
      return 'reply';
  }
}

/** Actions folded for a table cell: "Reviewed-by, 2 comments". */
export function actionsShort(actions: Action[]): string {
  const trailers = [...new Set(actions.filter((a) => a.kind === 'trailer').map((a) => action(a)))];
  const comments = actions.filter((a) => a.kind === 'comment').length;
  const replies = actions.filter((a) => a.kind === 'reply').length;
  const out = [...trailers];
  if (comments) out.push(comments === 1 ? 'comment' : `${comments} comments`);
  if (replies) out.push(replies === 1 ? 'reply' : `${replies} replies`);
  return out.join(', ');
}

export function patchLabel(index: number, total: number): string {
  return index === 0 ? 'cover' : `${index}/${total}`;
}

/** "patch 5/5 only (matched "cgroup" by subject)" or "every patch (could not narrow: ...)". */
export function scopeLine(t: ScopedTrailer, total: number): string {
  const s = t.scope;
  if (t.givenOn !== null) return `patch ${patchLabel(t.givenOn, total)}`;
  if (s.unresolved) return `every patch — could not narrow it: ${s.unresolved}`;
  if (!s.narrowed) return s.text ? `every patch (the scope names all of them)` : 'every patch';
  const how = [...new Set(s.matches.map((m) => (m.by === 'patch-numbers' ? 'by patch number' : `"${m.term}" by ${m.by}`)))].join(', ');
  const list = s.patches.map((p) => patchLabel(p, total)).join(', ');
  return `${s.patches.length === 1 ? 'patch' : 'patches'} ${list} only (${how}${s.origin === 'sentence' ? ', from a sentence in the reply' : ''})`;
}
