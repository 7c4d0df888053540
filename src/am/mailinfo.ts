// What `git mailinfo --scissors` makes of a message: author, subject, date, commit message and
// patch. b4 runs every patch through it before rebuilding the body; doing the same here in code keeps
// `lorescope am` free of a git dependency. Checked against the real `git mailinfo` in the tests.
import { decodeWords } from '../mail/headers.js';

export interface MailInfoInput {
  /** The From header value, decoded. */
  from: string;
  subject: string;
  date: string;
}

export interface MailInfo {
  author: string;
  email: string;
  subject: string;
  date: string;
  /** Commit message lines up to the patch break, each with its newline. */
  message: string;
  /** Everything from the patch break (`---`, `diff -`, `Index: `) on. */
  patch: string;
}

const IN_BODY = ['from', 'subject', 'date'] as const;
type InBody = (typeof IN_BODY)[number];
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && ' \t\n\r\v\f'.includes(c);

/** git's cleanup_space: every whitespace run becomes one space. */
function cleanupSpace(s: string): string {
  return s.replace(/[ \t\n\r\v\f]+/g, ' ');
}

/** git's cleanup_subject: drop leading `Re:`, blanks, colons and `[...]` groups. */
export function cleanupSubject(subject: string): string {
  let s = subject;
  let at = 0;
  for (;;) {
    const c = s[at];
    if (c === 'r' || c === 'R') {
      if (s.length <= at + 3) break;
      if ((s[at + 1] === 'e' || s[at + 1] === 'E') && s[at + 2] === ':') { s = s.slice(0, at) + s.slice(at + 3); continue; }
      break;
    }
    if (c === ' ' || c === '\t' || c === ':') { s = s.slice(0, at) + s.slice(at + 1); continue; }
    if (c === '[') {
      const close = s.indexOf(']', at);
      if (close < 0) break;
      s = s.slice(0, at) + s.slice(close + 1);
      continue;
    }
    break;
  }
  return s.trim();
}

function unquoteString(s: string, i: number, out: string[]): number {
  let literal = false;
  while (i < s.length) {
    const c = s[i++];
    if (literal) literal = false;
    else if (c === '\\') { literal = true; continue; }
    else if (c === '"') return i;
    out.push(c);
  }
  return i;
}

function unquoteComment(s: string, i: number, out: string[]): number {
  let literal = false;
  let depth = 1;
  out.push('(');
  while (i < s.length) {
    const c = s[i++];
    if (literal) literal = false;
    else if (c === '\\') { literal = true; continue; }
    else if (c === '(') { out.push('('); depth++; continue; }
    else if (c === ')') { out.push(')'); if (--depth === 0) return i; continue; }
    out.push(c);
  }
  return i;
}

function unquotePairs(s: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i++];
    if (c === '"') i = unquoteString(s, i, out);
    else if (c === '(') i = unquoteComment(s, i, out);
    else out.push(c);
  }
  return out.join('');
}

function saneName(name: string, email: string): string {
  if (!name || Buffer.byteLength(name) > 60 || /[@<>]/.test(name)) return email;
  return name;
}

/** git's handle_from: the address is the word around `@`, the rest (unquoted) is the name. */
export function splitFrom(from: string): { author: string; email: string } {
  let f = unquotePairs(cleanupSpace(from));
  let at = f.indexOf('@');
  if (at < 0) {
    const bra = from.indexOf('<');
    const ket = bra >= 0 ? from.indexOf('>', bra) : -1;
    if (ket < 0) return { author: '', email: '' };
    const email = from.slice(bra + 1, ket);
    return { author: saneName(from.slice(0, bra).trim(), email), email };
  }
  while (at > 0) {
    const c = f[at - 1];
    if (isSpace(c)) break;
    if (c === '<') { f = f.slice(0, at - 1) + ' ' + f.slice(at); break; }
    at--;
  }
  let el = 0;
  while (at + el < f.length && !' \n\t\r\v\f>'.includes(f[at + el])) el++;
  const email = f.slice(at, at + el);
  f = f.slice(0, at) + f.slice(at + el + (at + el < f.length ? 1 : 0));
  let name = cleanupSpace(f).trim();
  if (name.startsWith('(') && name.endsWith(')')) name = name.slice(1, -1);
  return { author: saneName(name, email), email };
}

/** git's is_scissors_line: a `-- >8 --` perforation taking most of the line. */
export function isScissorsLine(line: string): boolean {
  let scissors = 0;
  let gap = 0;
  let first = -1;
  let last = -1;
  let perforation = 0;
  let inPerforation = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (isSpace(c)) {
      if (inPerforation) { perforation++; gap++; }
      continue;
    }
    last = i;
    if (first < 0) first = i;
    if (c === '-') { inPerforation = true; perforation++; continue; }
    const two = line.slice(i, i + 2);
    if (two === '>8' || two === '8<' || two === '>%' || two === '%<') {
      inPerforation = true;
      perforation += 2;
      scissors += 2;
      i++;
      continue;
    }
    inPerforation = false;
  }
  const visible = first >= 0 ? last - first + 1 : 0;
  return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
}

/** git's patchbreak: where the commit message ends and the patch begins. */
export function isPatchBreak(line: string): boolean {
  if (line.startsWith('diff -') || line.startsWith('Index: ')) return true;
  if (line.length < 4 || !line.startsWith('---')) return false;
  if (line[3] === ' ' && !isSpace(line[4])) return true;
  for (let i = 3; i < line.length; i++) {
    if (line[i] === '\n') return true;
    if (!isSpace(line[i])) return false;
  }
  return false;
}

const SEPARATOR_SAMPLE = 'From e6807f3efca28b30decfecb1732a56c7db1137ee Mon Sep 17 00:00:00 2001\n';

function isFormatPatchSeparator(line: string): boolean {
  if (line.length !== SEPARATOR_SAMPLE.length || !line.startsWith('From ')) return false;
  if (!/^[0-9a-f]{40}$/.test(line.slice(5, 45))) return false;
  return line.slice(45) === SEPARATOR_SAMPLE.slice(45);
}

function inBodyName(line: string): InBody | null {
  const lower = line.slice(0, 8).toLowerCase();
  for (const h of IN_BODY) if (lower.startsWith(h + ':')) return h;
  return null;
}

/** Split the body the way mailinfo does, honouring in-body From:/Subject:/Date: and scissors. */
export function mailinfo(hdr: MailInfoInput, body: string): MailInfo {
  const lines = body.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const found: Partial<Record<InBody, string>> = {};
  let headerStage = true;
  let acc = '';
  let message: string[] = [];
  const patch: string[] = [];

  const flush = (): void => {
    if (!acc) return;
    const h = inBodyName(acc);
    if (h && found[h] === undefined) found[h] = decodeWords(acc.slice(h.length + 1).replace(/^[ \t\n\r\v\f]+/, ''));
    acc = '';
  };
  const inBodyHeader = (line: string): boolean => {
    if (acc && (line[0] === ' ' || line[0] === '\t')) {
      if (isScissorsLine(line)) { flush(); return false; }
      acc = acc.replace(/\n$/, '') + line;
      return true;
    }
    flush();
    if (line.startsWith('>From') && isSpace(line[5])) return isFormatPatchSeparator(line.slice(1));
    if (line.startsWith('[PATCH]') && isSpace(line[7])) { found.subject = line; return true; }
    const h = inBodyName(line);
    if (h && found[h] === undefined) { acc += line; return true; }
    return false;
  };

  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (headerStage && (line === '' || line === '\n')) {
      if (acc) { flush(); headerStage = false; }
      continue;
    }
    if (headerStage) {
      headerStage = inBodyHeader(line);
      if (headerStage) continue;
    }
    if (isScissorsLine(line)) {
      message = [];
      headerStage = true;
      for (const h of IN_BODY) delete found[h];
      continue;
    }
    if (isPatchBreak(line)) break;
    message.push(line);
  }
  for (; i < lines.length; i++) patch.push(lines[i]);
  flush();

  // mailinfo only trusts in-body headers when the mail carries a patch.
  const pick = (h: InBody, own: string): string => (patch.length && found[h] !== undefined ? found[h]! : own);
  const { author, email } = splitFrom(pick('from', hdr.from));
  return {
    author,
    email,
    subject: cleanupSpace(cleanupSubject(pick('subject', hdr.subject))).trim(),
    date: cleanupSpace(pick('date', hdr.date)).trim(),
    message: message.join(''),
    patch: patch.join(''),
  };
}
