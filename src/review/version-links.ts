// Earlier versions a cover letter names: "v2: https://lore.kernel.org/linux-mm/ID/", "RFC: …",
// b4's "- Link to v1: https://patch.msgid.link/ID", a "Previous version:" heading over a list.
// Only links labelled as a version count: a cover also links prerequisites ("based on …") and
// earlier, different work ("A previous patch series [1]"), which are not versions of this one.
import { parseThreadRef } from '../sources/lore-ref.js';

const MAX_LINES = 2000;
const MAX_LINKS = 64;
const URL = /\bhttps?:\/\/[^\s<>()"'[\]]+/gi;
const BRACKETED = /<([^<>\s@]{1,200}@[^<>\s]{1,200})>/g;
const VERSION_WORD = /\b(v\d+(\.\d+)?|rfc|resend)\b/i;
const EARLIER_VERSION = /\b(previous|prior|earlier|last|old|first|original)\s+(version|revision|posting|iteration|spin|round|submission)s?\b/i;
const DEPENDENCY = /\b(depend\w*|based|on top|prerequisite\w*|requires?|applies|needs?)\b/i;

function labelsVersion(text: string): boolean {
  return (VERSION_WORD.test(text) || EARLIER_VERSION.test(text)) && !DEPENDENCY.test(text);
}

/** Message-IDs on one line, in order: from lore-style URLs and from bare `<id@host>`. */
function idsOn(line: string): { id: string; at: number }[] {
  const out: { id: string; at: number }[] = [];
  for (const m of line.matchAll(URL)) {
    const ref = parseThreadRef(m[0].replace(/[.,;:]+$/, ''));
    if (ref) out.push({ id: ref.msgid, at: m.index ?? 0 });
  }
  for (const m of line.matchAll(BRACKETED)) if (!line.slice(0, m.index).match(/https?:\/\/\S*$/)) out.push({ id: m[1], at: m.index ?? 0 });
  return out.sort((a, b) => a.at - b.at);
}

/** What is left of a line without its links, bullets and footnote marks: the label, if any. */
function label(line: string): string {
  return line.replace(URL, ' ').replace(BRACKETED, ' ').replace(/^\s*([-*+•>]|\[\d+\]|\d+[.)])\s*/, '').trim();
}

/** The Message-IDs a text labels as earlier versions, in order of appearance, each once. */
export function versionLinks(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n').slice(0, MAX_LINES);
  const out: string[] = [];
  let heading = '';
  for (const line of lines) {
    const ids = idsOn(line);
    const own = label(line);
    if (!ids.length) {
      // A short line ending in ":" labels the list of links below it; anything else ends that list.
      if (own) heading = own.length <= 80 && own.endsWith(':') ? own : '';
      continue;
    }
    const text = /[a-z0-9]/i.test(own.replace(/[:\s]/g, '')) ? own : heading;
    if (!labelsVersion(text)) continue;
    for (const { id } of ids) if (!out.includes(id) && out.length < MAX_LINKS) out.push(id);
  }
  return out;
}
