// Mail is untrusted: everything from it is escaped for the format it lands in, and control
// characters (terminal escapes, bidi overrides) are dropped first.
import { sanitize, sanitizeLine } from '../../util/sanitize.js';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function html(text: string): string {
  return sanitize(text).replace(/[&<>"']/g, (c) => HTML[c]);
}

/**
 * Inline Markdown text on one line: the characters that start emphasis, code, links, HTML, tables or
 * entities are backslash-escaped, and so is a block marker at the very start.
 */
export function md(text: string): string {
  return sanitizeLine(text)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A fence longer than any run of backticks in the content, so the content cannot close it. */
export function fenceFor(content: string): string {
  let longest = 0;
  let run = 0;
  for (const c of content) {
    run = c === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Text for a fenced block: controls dropped, tabs kept. */
export function block(text: string): string {
  return sanitize(text);
}

/** A URL we built ourselves (lore links from Message-IDs): only http(s), attribute-escaped. */
export function href(url: string): string {
  return /^https?:\/\//.test(url) ? html(url) : '#';
}
