// The whole of get_maintainer.pl's e-mail mode for a list of files and/or patch text, as data.

import { emailsInFile } from './file-emails.js';
import { matchFile } from './match.js';
import { scanPatch, sortAndUniq, type PatchScan } from './patch-files.js';
import { RecipientCollector } from './recipients.js';
import type { FileMatch, MaintainersDb, MatchResult } from './types.js';

export interface MatchOptions {
  /** Test K: keywords against the patch lines (default true; the script's --keywords). */
  keywords?: boolean;
  /** Patch text(s) whose lines are tested against K: keywords. */
  patchText?: string | string[];
  /** The same as raw lines (one patch). */
  patchLines?: string[];
  /** get_maintainer.pl --pattern-depth (0: all levels). */
  patternDepth?: number;
  /**
   * Read a file of the tree (undefined when absent). With it, .yaml files are scanned for
   * addresses as the script does when run in a tree; without it, as with no such file.
   */
  readFile?: (path: string) => string | undefined;
  /** Scan every matched file for addresses, not only .yaml (--file-emails). */
  fileEmails?: boolean;
  /** Reorder one file's sections (used to explore the orders the script may print for ties). */
  reorder?: (match: FileMatch) => FileMatch;
}

export function keywordSections(db: MaintainersDb, scans: PatchScan[]): { section: number; keyword: string }[] {
  const out: { section: number; keyword: string }[] = [];
  for (const k of db.keywords) {
    const hit = scans.some((s) =>
      s.keywordLines.some((l) => {
        const re = l.inDiff ? k.diff : k.header;
        return re !== null && re.test(l.text);
      }),
    );
    if (hit) out.push({ section: k.section, keyword: k.value });
  }
  return out;
}

export function matchFiles(db: MaintainersDb, files: string[], opts: MatchOptions = {}): MatchResult {
  const texts = opts.patchText === undefined ? [] : Array.isArray(opts.patchText) ? opts.patchText : [opts.patchText];
  const scans = texts.map(scanPatch);
  if (opts.patchLines) scans.push(scanPatch(opts.patchLines.join('\n')));
  return run(db, files, scans, opts);
}

function run(db: MaintainersDb, files: string[], scans: PatchScan[], opts: MatchOptions): MatchResult {
  const matches = files.map((f) => {
    const m = matchFile(db, f, opts.patternDepth ?? 0);
    return opts.reorder ? opts.reorder(m) : m;
  });
  const kw = opts.keywords === false ? [] : keywordSections(db, scans);
  const collector = new RecipientCollector(db);
  for (const m of matches) {
    for (const s of m.sections) collector.addSection(s.section);
    if (opts.readFile && (opts.fileEmails || m.file.endsWith('.yaml'))) {
      const text = opts.readFile(m.file);
      if (text !== undefined) collector.addFileEmails(emailsInFile(m.file, text));
    }
  }
  for (const k of kw) collector.addSection(k.section, k.keyword);
  return { files, matches, keywordSections: kw, ...collector.finish() };
}

/** get_maintainer.pl PATCH...: files and keywords from the patch text(s). */
export function matchPatch(db: MaintainersDb, patch: string | string[], opts: Omit<MatchOptions, 'patchText'> = {}): MatchResult {
  const scans = (Array.isArray(patch) ? patch : [patch]).map(scanPatch);
  if (opts.patchLines) scans.push(scanPatch(opts.patchLines.join('\n')));
  return run(db, sortAndUniq(scans.flatMap((s) => s.files)), scans, opts);
}
