// Trailers (`Reviewed-by: Name <addr> # for the mm parts`) from commit messages and review replies.
import type { Address } from '../model/mail.js';

export interface ParsedTrailer {
  name: string;
  value: string;
  person: Address | null;
  scope: string | null;
}

/** Trailers that name a person; other known trailers carry a reference (commit, URL, address list). */
const OTHER_TRAILERS = new Set(['fixes', 'link', 'closes', 'cc', 'change-id', 'message-id', 'bug', 'patchwork-id', 'base-commit']);
const LINE = /^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):[ \t]+(\S.*?)[ \t]*$/;
const MAX_LINE = 1000;

export function isTrailerName(name: string): boolean {
  const l = name.toLowerCase();
  return l.endsWith('-by') || OTHER_TRAILERS.has(l);
}

export function isPersonTrailer(name: string): boolean {
  return name.toLowerCase().endsWith('-by') || name.toLowerCase() === 'cc';
}

/** Split `Name <addr> # scope` into a person and a scope annotation. */
export function parsePersonValue(value: string): { person: Address | null; scope: string | null } {
  const lt = value.indexOf('<');
  const gt = lt >= 0 ? value.indexOf('>', lt) : -1;
  if (lt >= 0 && gt > lt) {
    const email = value.slice(lt + 1, gt).trim();
    const name = value.slice(0, lt).trim().replace(/^"(.*)"$/, '$1');
    return { person: { name, email }, scope: scopeOf(value.slice(gt + 1)) };
  }
  const bare = /^(\S+@\S+?)(\s.*)?$/.exec(value);
  if (bare) return { person: { name: '', email: bare[1] }, scope: scopeOf(bare[2] ?? '') };
  return { person: null, scope: null };
}

function scopeOf(rest: string): string | null {
  const t = rest.trim();
  return t === '' ? null : t;
}

export function parseTrailerLine(line: string): ParsedTrailer | null {
  if (line.length > MAX_LINE) return null;
  const m = LINE.exec(line);
  if (!m || !isTrailerName(m[1])) return null;
  const name = m[1];
  const value = m[2];
  if (isPersonTrailer(name)) {
    const { person, scope } = parsePersonValue(value);
    if (!person) return null;
    return { name, value, person, scope };
  }
  return { name, value, person: null, scope: null };
}

/** The commit message part of a patch mail: everything before the first `---` line. */
export function commitMessage(body: string): string {
  const m = /^---[ \t]*\r?$/m.exec(body);
  return m ? body.slice(0, m.index) : body;
}

/** Trailers in a patch's own commit message. */
export function patchTrailers(body: string): ParsedTrailer[] {
  const out: ParsedTrailer[] = [];
  for (const raw of commitMessage(body).split('\n')) {
    const t = parseTrailerLine(raw.replace(/\r$/, ''));
    if (t) out.push(t);
  }
  return out;
}

/** Person trailers a reviewer wrote in a reply: unquoted lines before the signature. */
export function replyTrailers(body: string): ParsedTrailer[] {
  const out: ParsedTrailer[] = [];
  for (let raw of body.split('\n')) {
    raw = raw.replace(/\r$/, '');
    if (raw === '-- ' || raw === '--') break;
    if (raw.startsWith('>')) continue;
    const t = parseTrailerLine(raw.trim());
    if (t && t.person && t.name.toLowerCase() !== 'cc') out.push(t);
  }
  return out;
}
