// Subject prefixes: `Re: [LSF/MM/BPF TOPIC][RFC PATCH v4 07/27] title`, `[PATCH v6,19/24]`, `[PATCH1/8]`.
import type { SubjectInfo } from '../model/series.js';

const REPLY = /^(re|aw|sv|antw|odp|vs)\s*(\[\d+\])?\s*:\s*/i;
const FORWARD = /^(fwd?|tr)\s*:\s*/i;
const MAX_GROUPS = 16;

export function parseSubject(subject: string): SubjectInfo {
  let s = subject.trim();
  let isReply = false;
  for (let guard = 0; guard < 20; guard++) {
    const re = REPLY.exec(s);
    const m = re ?? FORWARD.exec(s);
    if (!m) break;
    if (re) isReply = true;
    s = s.slice(m[0].length);
  }
  const info: SubjectInfo = {
    title: '', groups: [], isReply, isPatch: false, rfc: false, resend: false,
    version: 1, minor: 0, explicitVersion: false, index: null, total: null, extra: [],
  };
  while (s.startsWith('[') && info.groups.length < MAX_GROUPS) {
    const close = s.indexOf(']');
    if (close < 0) break;
    const group = s.slice(1, close).trim();
    info.groups.push(group);
    readGroup(group, info);
    s = s.slice(close + 1).trimStart();
    // "Re:" may also follow the prefixes: "[PATCH] Re: foo".
    const m = REPLY.exec(s);
    if (m) { info.isReply = true; s = s.slice(m[0].length); }
  }
  info.title = s.trim();
  return info;
}

function readGroup(group: string, info: SubjectInfo): void {
  // Mercurial's patchbomb numbers patches "1 of 2".
  const normalised = group.includes(' of ') ? group.replace(/\b(\d{1,5}) of (\d{1,5})\b/g, '$1/$2') : group;
  for (const tok of normalised.split(/[\s,]+/)) {
    if (!tok) continue;
    let m: RegExpExecArray | null;
    if ((m = /^PATCH(?:[-_]?v(\d+)(?:\.(\d+))?)?(?:(\d+)\/(\d+))?$/i.exec(tok))) {
      info.isPatch = true;
      if (m[1]) setVersion(info, m[1], m[2]);
      if (m[3]) setIndex(info, m[3], m[4]);
    } else if (/^RFC$/i.test(tok)) {
      info.rfc = true;
    } else if (/^RESEND$/i.test(tok)) {
      info.resend = true;
    } else if ((m = /^v(\d{1,4})(?:\.(\d{1,4}))?$/i.exec(tok))) {
      setVersion(info, m[1], m[2]);
    } else if ((m = /^(\d{1,5})\/(\d{1,5})$/.exec(tok))) {
      setIndex(info, m[1], m[2]);
    } else {
      info.extra.push(tok);
    }
  }
}

function setVersion(info: SubjectInfo, major: string, minor?: string): void {
  info.version = Number(major) || 1;
  info.explicitVersion = true;
  info.minor = minor ? Number(minor) : 0;
}

function setIndex(info: SubjectInfo, n: string, total: string): void {
  const t = Number(total);
  if (t <= 0) return;
  info.index = Number(n);
  info.total = t;
}

/** The bracket groups that are not PATCH/RFC/vN/n/N, e.g. "LSF/MM/BPF TOPIC" or "net-next". */
export function otherPrefixes(info: SubjectInfo): string[] {
  return info.groups.filter((g) => !/(^|[\s,])(PATCH\S*|RFC|RESEND|v\d+(\.\d+)?|\d+\/\d+)(?=$|[\s,])/i.test(g));
}
