// The discussion, its people and who spoke for each section, as Markdown blocks of the digest.
import type { SeriesDigest } from '../../review/digest.js';
import { loreUrl } from '../../review/links.js';
import { md } from './escape.js';
import { addressesText, onTarget, shownPending, dateSpan, nameIndex, roleText, speakers, STATE_RULE, STATE_WORD, targetLabel, EVIDENCE_WORD } from './discussion-labels.js';

const link = (text: string, url: string) => `[${md(text)}](${url})`;
const quote = (gist: string) => (gist ? `“${md(gist)}”` : '(no words of its own)');
const MAX_PENDING = 12;

export function discussionMd(d: SeriesDigest): string[] {
  const disc = d.discussion;
  const total = d.summary.counts.patches;
  const name = nameIndex(disc);
  const out = ['## Discussion', '', STATE_RULE, ''];
  if (!disc.subThreads.length) return [...out.slice(0, 2), 'No replies yet.', ''];
  out.push('| # | State | Started by | On | Messages | People | Dates |', '|--:|---|---|---|--:|---|---|');
  disc.subThreads.forEach((st, i) => {
    const people = st.participants.map((p) => `${name(p.id)} ${p.messages}`).join(', ');
    out.push(`| ${i + 1} | ${STATE_WORD[st.state]} | ${md(name(st.opener))} | ${targetLabel(st, total)} | ${st.messages} | ${md(people)} | ${dateSpan(st.first, st.last)} |`);
  });
  out.push('');
  disc.subThreads.forEach((st, i) => {
    out.push(`### ${i + 1}. ${md(name(st.opener))} ${onTarget(st, total)}: ${STATE_WORD[st.state]}`, '');
    out.push(`> ${quote(st.gist)}`, '');
    out.push(`- ${st.messages} message${st.messages === 1 ? '' : 's'}, ${st.lines} lines of their own, ${dateSpan(st.first, st.last)} — ${link('first message', loreUrl(st.id))}`);
    if (st.quotes.patches.length || st.quotes.files.length) {
      const what = [...st.quotes.patches.map((p) => `patch ${p}/${total}`), ...st.quotes.files];
      out.push(`- Quotes or names: ${what.map(md).join(', ')}`);
    }
    for (const m of st.thread.filter((x) => x.suggests.length)) {
      out.push(`- ${md(name(m.from))} suggests a patch, ${m.date ? m.date.slice(0, 10) : 'undated'}: ${m.suggests.map(md).join(', ')} — ${link('message', loreUrl(m.msgid))}`);
    }
    out.push(`- ${md(st.why)}`);
    for (const p of shownPending(st).slice(-MAX_PENDING)) {
      const who = p.waitingFor.length ? p.waitingFor.map(name).join(', ') : 'any reviewer';
      out.push(`  - ${md(name(p.from))}, ${p.date ? p.date.slice(0, 10) : 'undated'}, waiting for ${md(who)}: ${quote(p.gist)} — ${link('message', loreUrl(p.msgid))}`);
    }
    if (shownPending(st).length > MAX_PENDING) out.push(`  - and ${shownPending(st).length - MAX_PENDING} earlier`);
    out.push('');
  });
  return out;
}

export function peopleMd(d: SeriesDigest): string[] {
  const disc = d.discussion;
  const out = ['## People', ''];
  const who = speakers(disc);
  if (!who.length) return [...out, 'Nobody wrote yet.', ''];
  out.push('| Person | Addresses | Messages | Sub-threads | Dates | MAINTAINERS (touched sections) |', '|---|---|--:|--:|---|---|');
  for (const p of who) {
    const roles = p.roles.map(roleText).join('; ');
    const msgs = p.author ? `${p.messages} (${p.replies} repl${p.replies === 1 ? 'y' : 'ies'})` : String(p.messages);
    out.push(`| ${md(p.name)}${p.author ? ' (author)' : ''} | ${md(addressesText(p))} | ${msgs} | ${p.subThreads} | ${dateSpan(p.first, p.last)} | ${md(roles) || '—'} |`);
  }
  out.push('');
  for (const a of disc.ambiguousNames) out.push(`- Note: MAINTAINERS lists “${md(a.name)}” under ${a.emails.map(md).join(', ')}; nobody was tied to them by name.`);
  if (who.some((p) => p.joins.some((j) => j.by === 'name'))) out.push(`- Addresses tied ${EVIDENCE_WORD.name} share a full name and nothing else: worth a look.`);
  out.push('');
  return out;
}
