// The `[PATCH RFC v2 3/7]` prefix b4 puts back on an am-ready patch, read from the original subject
// the way b4's LoreSubject reads it.

export interface PrefixInfo {
  rfc: boolean;
  /** Set when the subject names a version (vN). */
  revision: number | null;
  counter: number | null;
  expected: number | null;
}

const MAX_GROUPS = 32;
const MAX_SUBJECT = 500;

export function readPrefixes(subject: string): PrefixInfo {
  const info: PrefixInfo = { rfc: false, revision: null, counter: null, expected: null };
  // Only the leading groups matter; a bound keeps the bracket folding below cheap on hostile subjects.
  let s = subject.slice(0, MAX_SUBJECT).replace(/\s+/g, ' ').trim();
  if (/^(re|aw|fwd):/i.test(s) || /^\w{2,3}:\s*\[/.test(s)) s = s.replace(/^\w{2,3}:\s*\[/, '[');
  // b4 first folds brackets nested inside brackets: "[PATCH [net] 1/2]" reads as one group.
  for (let guard = 0; guard < MAX_GROUPS; guard++) {
    const before = s;
    s = s.replace(/\[([^\]]*)\[([^[\]]*)\]/g, '[$1$2]').replace(/\[([^\]]*)\]([^[\]]*)\]/g, '[$1$2]');
    if (s === before) break;
  }
  for (let guard = 0; guard < MAX_GROUPS && s.startsWith('['); guard++) {
    const close = s.indexOf(']');
    if (close < 0) break;
    const group = s.slice(1, close).trim().replace(/(patch)(v\d+)/gi, '$1 $2');
    // b4 splits on blanks only; "[net,v2,1/2]" (common on netdev) is read here as well.
    for (const raw of group.split(/[\s,]+/)) {
      const chunk = raw.replace(/^[,;]+|[,;]+$/g, '');
      let m: RegExpExecArray | null;
      if ((m = /^(\d{1,4})\/(\d{1,4})$/.exec(chunk))) {
        info.counter = Number(m[1]);
        info.expected = Number(m[2]);
      } else if (/^v\d+$/i.test(chunk)) {
        info.revision = Number(chunk.slice(1));
      } else if (chunk.toLowerCase().startsWith('rfc')) {
        info.rfc = true;
      }
    }
    s = s.slice(close + 1).replace(/^\s+/, '');
  }
  return info;
}

/**
 * b4's get_am_subject: `[PATCH RFC v2 3/7] title`, with the title as mailinfo cleaned it. A patch a
 * partial reroll carries over is labelled with the reroll's revision (`revision`), as b4 does.
 */
export function amSubject(original: string, title: string, revision?: number): string {
  const p = readPrefixes(original);
  if (revision !== undefined) p.revision = revision;
  const parts = ['PATCH'];
  if (p.rfc) parts.push('RFC');
  if (p.revision !== null) parts.push(`v${p.revision}`);
  if (p.counter !== null && p.expected !== null) parts.push(`${p.counter}/${Math.max(p.counter, p.expected)}`);
  return `[${parts.join(' ')}] ${title}`;
}
