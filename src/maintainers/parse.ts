// MAINTAINERS → MaintainersDb, reading lines the way get_maintainer.pl's read_maintainer_file does
// (any `X:` line is a field, blank and `#` lines vanish, every other line names a section) and
// reporting the lines that the script would silently misread.

import { compiledPattern, indexKey, needsEarlyCheck } from './file-pattern.js';
import { emptyMailmap, parseMailmap } from './mailmap.js';
import { perlToJsRegex } from './perl-regex.js';
import type { CompiledPattern, Keyword, LoadOptions, LoadResult, ParseIssue, PatternRef, Section, TvLine } from './types.js';

const KNOWN_FIELDS = new Set([...'MRLSWQTBCPFXNK']);
const SECTION_NAME_MAX = 50;

export function displayName(name: string): string {
  if (name.length <= SECTION_NAME_MAX) return name;
  return name.slice(0, SECTION_NAME_MAX - 3).replace(/\s*$/, '') + '...';
}

/** `X: value` → [type, value] as the script's `^([A-Z]):\s*(.*)` reads it, else null. */
function splitField(line: string): [string, string] | null {
  const c0 = line.charCodeAt(0);
  if (c0 < 65 || c0 > 90 || line.charCodeAt(1) !== 58) return null;
  let k = 2;
  while (k < line.length) {
    const c = line.charCodeAt(k);
    if (c === 32 || c === 9) k++;
    else if (c < 32 || c > 127) return [line[0], line.slice(2).replace(/^\s*/, '')];
    else break;
  }
  return [line[0], line.slice(k)];
}

const BLANK_OR_COMMENT = /^\s*(?:#|$)/;

function readLines(text: string, errors: ParseIssue[]): TvLine[] {
  const lines: TvLine[] = [];
  const raw = text.split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  let prevWasField = false;
  let seenField = false;
  for (let n = 0; n < raw.length; n++) {
    const line = raw[n];
    const lineNo = n + 1;
    const field = splitField(line);
    if (field) {
      const [type, value] = field;
      if (!KNOWN_FIELDS.has(type)) errors.push({ line: lineNo, message: `unknown field type ${type}:`, text: line });
      else if (!/\S/.test(value)) errors.push({ line: lineNo, message: `empty ${type}: field`, text: line });
      lines.push({ type, value, text: line, lineNo });
      prevWasField = true;
      seenField = true;
      continue;
    }
    const blankOrComment = BLANK_OR_COMMENT.exec(line);
    if (blankOrComment) {
      if (blankOrComment[0].endsWith('#') === false) prevWasField = false;
      continue;
    }
    if (prevWasField) {
      errors.push({
        line: lineNo,
        message: 'text inside a section (not a field); get_maintainer.pl reads it as a new section name',
        text: line,
      });
    }
    const prev = lines[lines.length - 1];
    if (seenField && prev && prev.type === null && errors[errors.length - 1]?.line !== prev.lineNo) {
      errors.push({ line: prev.lineNo, message: 'section name without fields', text: prev.value });
    }
    lines.push({ type: null, value: line, text: line, lineNo });
    prevWasField = false;
  }
  return lines;
}

/** The section ranges get_maintainer.pl walks (find_first_section / find_starting_index / ...). */
function findSections(lines: TvLine[]): Section[] {
  const isField = (i: number) => lines[i].type !== null;
  let tvi = 0;
  while (tvi < lines.length && !isField(tvi)) tvi++;
  const sections: Section[] = [];
  while (tvi < lines.length) {
    let start = tvi;
    while (start > 0 && isField(start)) start--;
    let end = tvi;
    while (end < lines.length && isField(end)) end++;
    if (end > start + 1 || (end > start && isField(start))) {
      const name = lines[start].text;
      let status = '';
      for (let i = start + 1; i < end; i++) if (lines[i].type === 'S') status = lines[i].value;
      sections.push({ id: sections.length, key: tvi, start, end, name, displayName: displayName(name), status });
    }
    tvi = end + 1;
  }
  return sections;
}

export function loadMaintainersText(text: string, opts: LoadOptions = {}): LoadResult {
  const errors: ParseIssue[] = [];
  const directories = opts.directories ?? 'infer';
  const lines = readLines(text, errors);
  const sections = findSections(lines);
  const sectionOf = new Int32Array(lines.length).fill(-1);
  for (const s of sections) for (let i = s.start; i < s.end; i++) sectionOf[i] = s.id;

  const patterns: PatternRef[] = [];
  const nPatterns: CompiledPattern[] = [];
  const keywords: Keyword[] = [];
  const index = new Map<string, PatternRef[]>();
  for (let i = 0; i < lines.length; i++) {
    const { type, value, lineNo } = lines[i];
    const section = sectionOf[i];
    if (type === null || section < 0) continue;
    if (type === 'F' || type === 'X') {
      const ref: PatternRef = { kind: type, tvi: i, section, value };
      if (needsEarlyCheck(value)) {
        const p = compiledPattern(ref, directories);
        if (p.error) errors.push({ line: lineNo, message: `unusable ${type}: pattern: ${p.error}`, text: value });
      }
      patterns.push(ref);
      const key = indexKey(value);
      const bucket = index.get(key);
      if (bucket) bucket.push(ref);
      else index.set(key, [ref]);
    } else if (type === 'N') {
      const r = perlToJsRegex(value, { extended: true });
      if (!r.ok) errors.push({ line: lineNo, message: `unusable N: regex: ${r.error}`, text: value });
      nPatterns.push({
        kind: 'N', tvi: i, section, converted: value, depth: 0, subtree: false, literal: null,
        maybeDir: false, slashes: 0, prefix: '', glob: null, regex: r.ok ? r.regex : null, error: r.ok ? undefined : r.error,
      });
    } else if (type === 'K') {
      const header = perlToJsRegex(value, { extended: true });
      const diff = perlToJsRegex('^[+-].*' + value, { extended: true });
      if (!header.ok || !diff.ok) {
        const why = !header.ok ? header.error : !diff.ok ? diff.error : '';
        errors.push({ line: lineNo, message: `unusable K: regex: ${why}`, text: value });
      }
      keywords.push({
        tvi: i, section, value,
        header: header.ok ? header.regex : null,
        diff: diff.ok ? diff.regex : null,
      });
    } else if ((type === 'M' || type === 'R') && !value.includes('@')) {
      errors.push({ line: lineNo, message: `no e-mail address in ${type}: field`, text: value });
    }
  }
  // Perl sorts keyword line numbers as strings (sort_and_uniq): keep that order.
  keywords.sort((a, b) => (String(a.tvi) < String(b.tvi) ? -1 : String(a.tvi) > String(b.tvi) ? 1 : 0));

  const mailmap = opts.mailmap ? parseMailmap(opts.mailmap) : emptyMailmap();
  return {
    db: { lines, sections, sectionOf, patterns, index, nPatterns, keywords, mailmap, directories },
    errors,
  };
}
