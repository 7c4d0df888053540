// Version changelogs as authors write them: "Changes since v1:" blocks in a cover letter and the
// notes between `---` and the diffstat of a patch. Each bullet (or paragraph) becomes one entry.

export interface ChangelogEntry {
  text: string;
  /** Message it was written in. */
  msgid: string;
  source: 'cover' | 'patch';
  /** The patch whose notes it is in; null for cover letters. */
  patchIndex: number | null;
}

const MAX_LINES = 5000;
const MAX_ENTRY = 1000;

/** "Changes since v1:", "Changes in v3", "v2 -> v3:", "Changelog:", "Since v1:", "v2:" (not "v1: https://..."). */
export function isChangelogHeading(line: string): boolean {
  const t = line.trim().toLowerCase();
  if (t.length > 80) return false;
  if (/^(changes|changelog|change log|changes? history|revision history)\b/.test(t)) return true;
  if (/^since v\d/.test(t)) return true;
  if (/^v\d+(\.\d+)?\s*(->|→|=>|\.\.|to)\s*v\d+/.test(t)) return true;
  const m = /^v\d+(\.\d+)?\s*:(.*)$/.exec(t);
  return m !== null && !m[2].includes('://');
}

function isBullet(line: string): boolean {
  return /^\s*([-*+•o]|\d+[.)])\s+\S/.test(line);
}

/** Lines that end a changelog block: the shortlog, diffstat, trailers, links, signature. */
function endsBlock(line: string): boolean {
  // Shortlog and diffstat lines are short; a long line is text (and never meets the regexes below).
  if (line.length > 300) return false;
  return (
    line === '---' ||
    line === '-- ' ||
    /^\S.* \(\d+\):$/.test(line) ||
    /^\s\S.*\s\|\s+\d+/.test(line) ||
    /^\s*\d+ files? changed/.test(line) ||
    /^(base-commit|change-id|prerequisite-[\w-]+|diff --git)\b/.test(line)
  );
}

/** Split a block of lines into entries: one per bullet (with its continuation lines) or paragraph. */
function entriesOf(lines: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    const text = cur.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push(text.slice(0, MAX_ENTRY));
    cur = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (isBullet(line) || isChangelogHeading(line)) flush();
    if (isChangelogHeading(line) && line.trim().endsWith(':')) continue;
    cur.push(line.trim().replace(/^([-*+•o]|\d+[.)])\s+/, ''));
  }
  flush();
  return out;
}

/** Changelog entries of a cover letter: the blocks under changelog headings. */
export function coverChangelog(body: string): string[] {
  const lines = body.replace(/\r/g, '').split('\n').slice(0, MAX_LINES);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isChangelogHeading(lines[i])) continue;
    const block: string[] = [];
    const inline = lines[i].slice(lines[i].indexOf(':') + 1).trim();
    if (/^v\d/i.test(lines[i].trim()) && inline && !/(->|→|=>|\.\.|\bto\b)/.test(lines[i].slice(0, lines[i].indexOf(':')))) block.push(inline);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (endsBlock(line)) break;
      if (line.trim() === '') {
        // A blank line ends the block unless more bullets, indented text or another version follow.
        const next = lines[j + 1] ?? '';
        if (!(isBullet(next) || /^\s/.test(next) || isChangelogHeading(next))) break;
      }
      block.push(line);
    }
    out.push(...entriesOf(block));
    i = j - 1;
  }
  return out;
}

/** A patch's notes: what the author wrote between `---` and the diffstat or diff. */
export function patchNotes(body: string): string[] {
  const lines = body.replace(/\r/g, '').split('\n').slice(0, MAX_LINES);
  const start = lines.indexOf('---');
  if (start < 0) return [];
  const block: string[] = [];
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j];
    if (endsBlock(line) || line.startsWith('--- a/') || line.startsWith('Index: ')) break;
    block.push(line);
  }
  return entriesOf(block);
}
