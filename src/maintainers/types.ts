// The parsed MAINTAINERS database and the results of matching files against it.

/** One line kept by get_maintainer.pl (blank and `#` lines are dropped, as the script does). */
export interface TvLine {
  /** Field letter (`M`, `F`, ...) or null for a section name (any other text line). */
  type: string | null;
  /** Field value after the `X:` and blanks; F:/X: values are kept as written (not regex-converted). */
  value: string;
  /** The line as written (for F:/X:, `F:` + the value converted to get_maintainer.pl's regex). */
  text: string;
  /** 1-based line number in the source text. */
  lineNo: number;
}

/** A run of field lines and the name line before it: what get_maintainer.pl calls a section. */
export interface Section {
  /** Position in `MaintainersDb.sections`. */
  id: number;
  /** The key get_maintainer.pl stores the section under (index of the line where its scan started). */
  key: number;
  /** Index (into `lines`) of the name line; may be a field line for a file without a first name. */
  start: number;
  /** Index one past the last field line. */
  end: number;
  /** Full section name as written. */
  name: string;
  /** Name as get_maintainer.pl prints it in roles (cut to 50 characters with `...`). */
  displayName: string;
  /** Value of the last S: line, or '' when none. */
  status: string;
}

export type PatternKind = 'F' | 'X' | 'N';

export interface ParseIssue {
  line: number;
  message: string;
  text?: string;
}

/** A pattern ready to test; see file-pattern.ts and the N: handling in parse.ts. */
export interface CompiledPattern {
  kind: PatternKind;
  /** Index of the field line in `lines`. */
  tvi: number;
  section: number;
  /** F:/X: value after get_maintainer.pl's glob-to-regex conversion (N: value unchanged). */
  converted: string;
  /** Directory depth used to order sections (F: only). */
  depth: number;
  /** True when the value ends with `/` (whole subtree). */
  subtree: boolean;
  /** Value without regex syntax (after `\.`→`.`): matched with string operations. */
  literal: string | null;
  /** A literal without trailing slash that may name a directory in a tree we cannot see. */
  maybeDir: boolean;
  /** Slash count of `converted`, compared with the file's for non-subtree patterns. */
  slashes: number;
  /** Literal text every match starts with: used for the index. */
  prefix: string;
  /** Matcher for F:/X: globs (null for plain values and for N:). */
  glob: import('./glob-match.js').Glob | null;
  /** N: regex, or an F:/X: value using regex syntax beyond globs. */
  regex: RegExp | null;
  /** Set when the pattern cannot be used (invalid or unsafe regex). */
  error?: string;
}

/** An F:/X: line as indexed at load time; `compiled` is filled the first time a file reaches it. */
export interface PatternRef {
  kind: 'F' | 'X';
  tvi: number;
  section: number;
  value: string;
  compiled?: CompiledPattern;
}

export interface Keyword {
  tvi: number;
  section: number;
  /** K: value as written. */
  value: string;
  /** Regex for lines before the first diff (`value` alone). */
  header: RegExp | null;
  /** Regex for lines after it (`^[+-].*` + value, concatenated as the script does). */
  diff: RegExp | null;
}

/** How F: values without a trailing slash are checked for being directories (`-d` in the script). */
export type DirectoryMode = 'infer' | 'none' | ((path: string) => boolean);

export interface LoadOptions {
  /**
   * 'infer' (default): a plain path pattern also covers files below it, as it would in a tree where
   * it is a directory; 'none': never (get_maintainer.pl run outside a tree);
   * a function: the tree's answer for a converted pattern value.
   */
  directories?: DirectoryMode;
  /** Text of a `.mailmap` file, applied as get_maintainer.pl does when it finds one. */
  mailmap?: string;
}

export interface MaintainersDb {
  lines: TvLine[];
  sections: Section[];
  /** For each line index, the section it belongs to (-1 before the first section). */
  sectionOf: Int32Array;
  /** F:/X: patterns, compiled on first use. */
  patterns: PatternRef[];
  /** F:/X: patterns by the directory part of their literal prefix (`''` for none). */
  index: Map<string, PatternRef[]>;
  nPatterns: CompiledPattern[];
  keywords: Keyword[];
  mailmap: Mailmap;
  directories: DirectoryMode;
}

export interface Mailmap {
  names: Map<string, string>;
  addresses: Map<string, string>;
}

export interface LoadResult {
  db: MaintainersDb;
  errors: ParseIssue[];
}

/** One file's matching sections in get_maintainer.pl's order. */
export interface FileMatch {
  file: string;
  /** Sections with their depth, most specific first. */
  sections: { section: number; depth: number }[];
}

export type RecipientKind = 'person' | 'list';

export interface RoleRef {
  /** M, R, L (list), or 'file' for addresses found in a matched .yaml file. */
  field: 'M' | 'R' | 'L' | 'file';
  section: number | null;
  /** Set when the section came from a K: keyword match. */
  keyword?: string;
}

export interface Recipient {
  kind: RecipientKind;
  /** Name as printed (quoted when needed), '' for lists and bare addresses. */
  name: string;
  address: string;
  /** `Name <address>` or the bare address, as printed. */
  formatted: string;
  /** get_maintainer.pl's role text, e.g. `maintainer:MEMORY MANAGEMENT` or `open list`. */
  role: string;
  /** Every section (and field) that asked for this recipient, in order. */
  refs: RoleRef[];
  /** For lists: `open`, `moderated` or `subscribers-only`. */
  listType?: 'open' | 'moderated' | 'subscribers-only';
}

export interface MatchResult {
  files: string[];
  matches: FileMatch[];
  /** Sections added by K: keywords (line index order as the script sorts it). */
  keywordSections: { section: number; keyword: string }[];
  /** Recipients in get_maintainer.pl's output order. */
  recipients: Recipient[];
  /** S:, T:, W:, B: values of the matched sections (deduplicated, in order). */
  status: string[];
  scm: string[];
  web: string[];
  bug: string[];
  /** Names of the matched sections, in order (deduplicated). */
  subsystems: string[];
}
