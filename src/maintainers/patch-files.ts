// get_maintainer.pl's own reading of a patch file: which paths it takes from `diff --git`, `---`/
// `+++`, `rename from/to` and `mode change` lines, and which lines it tests K: keywords against
// (every other line; before the first `---`/`+++` line the whole line, after it only `+`/`-`
// lines). The script does this line by line over the whole file, mail headers included.

export interface PatchScan {
  /** Paths in the order the script collects them (duplicates kept; see filesFromPatch). */
  files: string[];
  /** Commit ids from `Fixes:` lines. */
  fixes: string[];
  /** Lines the script tests keywords against; `inDiff` is true once a `---`/`+++` line was seen. */
  keywordLines: { text: string; inDiff: boolean }[];
}

/** Lines longer than this are not tested against keywords (bounded work on hostile mail). */
export const MAX_KEYWORD_LINE = 8192;

const MODE_CHANGE = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/;
const RENAME = /^rename (?:from|to) (\S+)\s*$/;
const DIFF_GIT = /^diff --git a\/(\S+) b\/(\S+)\s*$/;
const FIXES = /^Fixes:\s+([0-9a-fA-F]{6,40})/;
const PLUS_MINUS = /^(?:\+\+\+|---)\s+(\S+)/;
const HUNK = /^@@ -(\d+),(\d+)/;

export function scanPatch(text: string): PatchScan {
  const scan: PatchScan = { files: [], fixes: [], keywordLines: [] };
  let inDiff = false;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = MODE_CHANGE.exec(line)) || (m = RENAME.exec(line))) {
      scan.files.push(m[1]);
    } else if ((m = DIFF_GIT.exec(line))) {
      scan.files.push(m[1], m[2]);
    } else if ((m = FIXES.exec(line))) {
      scan.fixes.push(m[1]);
    } else if ((m = PLUS_MINUS.exec(line))) {
      scan.files.push(m[1].replace(/^[^/]*\//, ''));
      inDiff = true;
    } else if (HUNK.test(line)) {
      // hunk headers are neither files nor keyword text
    } else if (line.length <= MAX_KEYWORD_LINE) {
      scan.keywordLines.push({ text: line, inDiff });
    }
  }
  return scan;
}

/** Perl's sort_and_uniq: code-unit order, duplicates removed. */
export function sortAndUniq(items: string[]): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The paths get_maintainer.pl takes from a patch, sorted and unique as it uses them. */
export function filesFromPatch(text: string): string[] {
  return sortAndUniq(scanPatch(text).files);
}

/**
 * A `-f PATH` argument as get_maintainer.pl normalises it: canonpath (no `//`, `/./`, leading
 * `./` or trailing `/`), a `/` added for a directory, and the working directory stripped.
 */
export function normalizeFileArg(arg: string, opts: { cwd?: string; isDirectory?: (path: string) => boolean } = {}): string {
  let p = arg.replace(/\/{2,}/g, '/').replace(/\/(?:\.\/)+/g, '/').replace(/\/\.$/, '');
  while (p.startsWith('./') && p.length > 2) p = p.slice(2);
  if (p.length > 1) p = p.replace(/\/$/, '');
  if (opts.isDirectory?.(p)) p += '/';
  if (opts.cwd) {
    const prefix = opts.cwd.endsWith('/') ? opts.cwd : opts.cwd + '/';
    if (p.startsWith(prefix)) p = p.slice(prefix.length);
  }
  return p;
}
