// The discussion, its people and who spoke for each section, as HTML blocks of the digest. Lists
// rather than wide tables, so they read on a phone.
import type { SeriesDigest } from '../../review/digest.js';
import { loreUrl } from '../../review/links.js';
import { href, html as h } from './escape.js';
import { addressesText, onTarget, shownPending, dateSpan, EVIDENCE_WORD, nameIndex, roleText, speakers, STATE_RULE, STATE_WORD } from './discussion-labels.js';

const a = (text: string, url: string) => `<a href="${href(url)}" rel="noreferrer">${h(text)}</a>`;
const quote = (gist: string) => (gist ? h(gist) : '<span class="muted">(no words of its own)</span>');
const MAX_PENDING = 12;

export function discussionHtml(d: SeriesDigest): string {
  const disc = d.discussion;
  const total = d.summary.counts.patches;
  const name = nameIndex(disc);
  const out = ['<section id="discussion"><h2>Discussion</h2>', `<p class="muted">${h(STATE_RULE)}</p>`];
  if (!disc.subThreads.length) out.push('<p>No replies yet.</p>');
  else {
    out.push('<ol class="subs">');
    for (const st of disc.subThreads) {
      const people = st.participants.map((p) => `${name(p.id)} (${p.messages})`).join(', ');
      const what = [...st.quotes.patches.map((p) => `patch ${p}/${total}`), ...st.quotes.files];
      const pending = shownPending(st).slice(-MAX_PENDING).map((p) => {
        const who = p.waitingFor.length ? p.waitingFor.map(name).join(', ') : 'any reviewer';
        return `<li><b>${h(name(p.from))}</b> ${p.date ? p.date.slice(0, 10) : 'undated'} → ${h(who)}: ${quote(p.gist)} · ${a('message', loreUrl(p.msgid))}</li>`;
      });
      if (shownPending(st).length > MAX_PENDING) pending.push(`<li class="muted">and ${shownPending(st).length - MAX_PENDING} earlier</li>`);
      out.push(
        `<li><div><b>${h(name(st.opener))}</b> ${h(onTarget(st, total))} <span class="st st-${st.state}">${STATE_WORD[st.state]}</span></div>` +
          `<blockquote>${quote(st.gist)}</blockquote>` +
          `<div class="muted">${st.messages} message${st.messages === 1 ? '' : 's'} · ${st.lines} lines of their own · ${dateSpan(st.first, st.last)} · ${a('first message', loreUrl(st.id))}</div>` +
          `<div class="muted">People: ${h(people)}</div>` +
          (what.length ? `<div class="muted">Quotes or names: ${what.map((w) => `<code>${h(w)}</code>`).join(', ')}</div>` : '') +
          st.thread.filter((m) => m.suggests.length).map((m) => `<div>${h(name(m.from))} suggests a patch, ${m.date ? m.date.slice(0, 10) : 'undated'}: ${m.suggests.map((f) => `<code>${h(f)}</code>`).join(', ')} · ${a('message', loreUrl(m.msgid))}</div>`).join('') +
          `<p class="why">${h(st.why)}</p>` +
          (pending.length ? `<ul class="pending">${pending.join('')}</ul>` : '') +
          '</li>',
      );
    }
    out.push('</ol>');
  }
  out.push('</section>');
  return out.join('\n');
}

export function peopleHtml(d: SeriesDigest): string {
  const disc = d.discussion;
  const out = ['<section id="people"><h2>People</h2>'];
  const who = speakers(disc);
  if (!who.length) out.push('<p>Nobody wrote yet.</p>');
  else {
    out.push('<ul class="items">');
    for (const p of who) {
      const msgs = `${p.messages} message${p.messages === 1 ? '' : 's'}${p.author ? ` (${p.replies} repl${p.replies === 1 ? 'y' : 'ies'})` : ''} in ${p.subThreads} sub-thread${p.subThreads === 1 ? '' : 's'}`;
      const roles = p.roles.map(roleText);
      out.push(
        `<li><b>${h(p.name)}</b>${p.author ? ' <span class="tag">author</span>' : ''} · ${msgs} · ${dateSpan(p.first, p.last)}` +
          `<br><span class="muted">${h(addressesText(p))}</span>${roles.length ? `<br>${h(roles.join('; '))}` : ''}</li>`,
      );
    }
    out.push('</ul>');
    for (const x of disc.ambiguousNames) out.push(`<p class="muted">MAINTAINERS lists “${h(x.name)}” under ${h(x.emails.join(', '))}; nobody was tied to them by name.</p>`);
    if (who.some((p) => p.joins.some((j) => j.by === 'name'))) out.push(`<p class="muted">Addresses tied ${EVIDENCE_WORD.name} share a full name and nothing else: worth a look.</p>`);
  }
  out.push('</section>');
  return out.join('\n');
}
