// Patches that reviewers sent in their replies ("something like this:" and a diff, or an attached
// patch), parsed so the TUI and the digest can show them beside the message they answer.
import type { Mail } from '../model/mail.js';
import type { Reply } from '../model/series.js';
import type { SuggestedPatch } from '../model/review.js';
import { parsePatch } from '../diff/parse.js';
import { replyPatch } from '../series/suggested-patch.js';

export function suggestionsOf(replies: Reply[], mails: Map<string, Mail>): SuggestedPatch[] {
  const out: SuggestedPatch[] = [];
  for (const r of replies) {
    if (!r.suggestedPatch) continue;
    const mail = mails.get(r.msgid);
    const carried = mail ? replyPatch(mail) : null;
    let files: SuggestedPatch['files'] = [];
    let diffstat: SuggestedPatch['diffstat'] = { files: 0, additions: 0, deletions: 0, lines: [] };
    if (carried) {
      try {
        const diff = parsePatch(carried.patchText);
        files = diff.files.map((f) => ({ path: f.path, status: f.status, additions: f.additions, deletions: f.deletions }));
        diffstat = diff.stat;
      } catch {
        // An unreadable diff is still a suggestion; it just has no file list.
      }
    }
    out.push({
      replyMsgid: r.msgid, from: r.from, date: r.date, kind: r.suggestedPatch.kind, inReplyTo: r.parent,
      files, diffstat, trailers: r.suggestedPatch.trailers,
    });
  }
  return out;
}
