// process.signoff-missing: the author (in-body From: when present, else the mail's From:) must sign off.
import type { Address } from '../../model/mail.js';
import type { BuiltinCheck, CheckHit } from './types.js';

const MAX_MESSAGE = 256 * 1024;

/**
 * `Name <addr>` or a bare `addr` from a trailer or in-body From: value. Trailer lines are simple
 * enough that the full RFC 5322 parser (slow on long bodies) is not needed.
 */
export function trailerAddress(value: string): Address | null {
  const v = value.trim();
  const lt = v.lastIndexOf('<');
  const gt = lt >= 0 ? v.indexOf('>', lt) : -1;
  if (lt >= 0 && gt > lt) {
    const email = v.slice(lt + 1, gt).trim();
    if (!email.includes('@')) return null;
    return { name: v.slice(0, lt).trim().replace(/^"(.*)"$/, '$1'), email };
  }
  const bare = v.split(/[\s,;]+/).find((w) => w.includes('@'));
  return bare ? { name: '', email: bare.replace(/^[<(]+|[>)]+$/g, '') } : null;
}

/** git send-email puts the real author in a `From:` line at the top of the body when the sender differs. */
export function bodyAuthor(body: string): Address | null {
  for (const raw of body.slice(0, 4000).split('\n', 8)) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (!line.startsWith('From:')) return null;
    return trailerAddress(line.slice(5));
  }
  return null;
}

/**
 * Every Signed-off-by in the commit message (up to the `---` line or the diff). Like checkpatch, all
 * paragraphs count: a maintainer's notes between sign-offs do not hide the author's.
 */
export function signoffs(body: string): Address[] {
  const out: Address[] = [];
  const n = Math.min(body.length, MAX_MESSAGE);
  for (let at = 0; at < n; ) {
    let end = body.indexOf('\n', at);
    if (end < 0 || end > n) end = n;
    const line = body.charCodeAt(end - 1) === 13 ? body.slice(at, end - 1) : body.slice(at, end);
    at = end + 1;
    if (line === '---' || line.startsWith('diff --git ') || line.startsWith('--- a/') || line.startsWith('Index: ')) break;
    if (!/^\s*signed-off-by:/i.test(line.slice(0, 20))) continue;
    const addr = trailerAddress(line.slice(line.indexOf(':') + 1));
    if (addr?.email) out.push(addr);
  }
  return out;
}

const fmt = (a: Address) => (a.name ? `${a.name} <${a.email}>` : a.email);

export const signoffMissing: BuiltinCheck = {
  name: 'signoff-missing',
  description: 'a patch whose commit message has no Signed-off-by from its author',
  placeholders: ['author', 'signers'],
  run(input) {
    const hits: CheckHit[] = [];
    input.patches.forEach((p, i) => {
      const author = bodyAuthor(p.mail.body) ?? p.mail.from;
      if (!author.email) return;
      const sobs = signoffs(p.mail.body);
      const want = author.email.toLowerCase();
      if (sobs.some((a) => a.email.toLowerCase() === want)) return;
      hits.push({
        patch: i,
        key: `${p.title ?? p.mail.subject ?? ''}\0${want}`,
        text: `From: ${fmt(author)}`,
        values: { author: fmt(author), signers: sobs.length ? sobs.map(fmt).join(', ') : 'none' },
      });
    });
    return hits;
  },
};
