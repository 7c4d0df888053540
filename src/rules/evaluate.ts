// Running rules over a series: every changed line of every in-scope file is tested once per rule;
// built-in checks run over the mails. Work is linear in the size of the patches.
import type { DiffLine, FileDiff, Hunk } from '../diff/types.js';
import { annotateHunk, type LineInfo } from './c-context.js';
import { Fingerprinter } from './fingerprint.js';
import { MAX_LINE } from './pattern/index.js';
import { hunkFilter } from './prefilter.js';
import type { CheckRule, CompiledMatch, DiffRule, Rule } from './rule.js';
import { scanIdentifiers, type IdentScan } from './symbols.js';
import { clip } from './template.js';
import type { EvalInput, EvalPatch, Finding } from './types.js';

interface Hit {
  rule: DiffRule | CheckRule;
  patch: number;
  file: string | null;
  line: number | null;
  side: 'new' | 'old' | null;
  text: string;
  key: string;
  values: Record<string, string>;
  count: number;
}

/** One changed line as rules see it; identifier scans are computed once and shared. */
class LineView {
  private identsCode?: IdentScan;
  private identsRaw?: IdentScan;
  private rawBlank?: boolean;

  constructor(
    readonly line: DiffLine,
    readonly info: LineInfo,
  ) {}

  text(mode: 'code' | 'raw'): string {
    return mode === 'code' ? this.info.code : this.line.text;
  }

  blank(mode: 'code' | 'raw'): boolean {
    if (mode === 'code') return this.info.blank;
    return (this.rawBlank ??= this.line.text.trim().length === 0);
  }

  idents(mode: 'code' | 'raw'): IdentScan {
    if (mode === 'code') return (this.identsCode ??= scanIdentifiers(this.info.code, MAX_LINE));
    return (this.identsRaw ??= scanIdentifiers(this.line.text, MAX_LINE));
  }
}

/** Lines a patch removes and adds, for telling code motion from new code. */
class Motion {
  private sets?: { added: Set<string>; removed: Set<string> };

  constructor(private readonly patch: EvalPatch) {}

  isMoved(line: DiffLine): boolean {
    if (!this.sets) {
      const added = new Set<string>();
      const removed = new Set<string>();
      for (const f of this.patch.diff.files) {
        for (const h of f.hunks) {
          for (const l of h.lines) {
            if (l.kind === 'add') added.add(l.text.trim());
            else if (l.kind === 'del') removed.add(l.text.trim());
          }
        }
      }
      this.sets = { added, removed };
    }
    const t = line.text.trim();
    return line.kind === 'add' ? this.sets.removed.has(t) : this.sets.added.has(t);
  }
}

/** Placeholder values when the line satisfies the alternative, else null. */
function testAlternative(alt: CompiledMatch, view: LineView, motion: Motion): Record<string, string> | null {
  let within: string | undefined;
  if (alt.within) {
    within = view.info.within.find((n) => alt.within!.has(n));
    if (within === undefined) return null;
  }
  if (alt.heading && !alt.heading.test(view.info.heading)) return null;
  if (view.blank(alt.text)) return null;
  const text = view.text(alt.text);
  if (alt.added || alt.removed || alt.changed) {
    const own = view.line.kind === 'add' ? alt.added : alt.removed;
    if (!(own?.test(text) || alt.changed?.test(text))) return null;
  }
  let symbol: string | undefined;
  if (alt.symbols) {
    const found = alt.symbols.find(view.idents(alt.text));
    if (found === null) return null;
    symbol = found;
  }
  if (alt.unless?.test(text)) return null;
  if (alt.ignoreMoved && motion.isMoved(view.line)) return null;
  const values: Record<string, string> = { heading: clip(view.info.heading) };
  if (within !== undefined) values.within = within;
  if (symbol !== undefined) values.symbol = symbol;
  return values;
}

function allPaths(input: EvalInput): string[] {
  const out: string[] = [];
  for (const p of input.patches) {
    for (const f of p.diff.files) {
      if (f.newPath) out.push(f.newPath);
      if (f.oldPath && f.oldPath !== f.newPath) out.push(f.oldPath);
    }
  }
  return out;
}

interface ActiveRule {
  rule: DiffRule;
  alts: CompiledMatch[];
}

function inScope(rule: DiffRule, f: FileDiff): boolean {
  return rule.inScope(f.path) || (f.oldPath !== null && f.oldPath !== f.path && rule.inScope(f.oldPath));
}

/** Hunk prefilters per set of rules in scope of a file, kept across calls (rule objects as keys). */
const filterCache = new WeakMap<DiffRule, Map<string, ((h: Hunk) => boolean) | null>>();
const ruleKeys = new WeakMap<DiffRule, number>();
let nextRuleKey = 0;

function filterFor(rules: ActiveRule[]): ((h: Hunk) => boolean) | null {
  const head = rules[0].rule;
  let m = filterCache.get(head);
  if (!m) filterCache.set(head, (m = new Map()));
  let key = '';
  for (const r of rules) {
    let k = ruleKeys.get(r.rule);
    if (k === undefined) ruleKeys.set(r.rule, (k = nextRuleKey++));
    key += `${k},`;
  }
  let f = m.get(key);
  if (f === undefined) {
    if (m.size >= 4096) m.clear();
    f = hunkFilter(rules.map((r) => r.rule));
    m.set(key, f);
  }
  return f;
}

class DiffScan {
  readonly hits: Hit[] = [];
  /** Collapsed hits (report: hunk/file/patch) by group key. */
  private readonly groups = new Map<string, Hit>();

  constructor(private readonly active: ActiveRule[]) {}

  patch(p: EvalPatch, pi: number): void {
    const motion = new Motion(p);
    p.diff.files.forEach((f, fi) => {
      if (f.binary || f.combined || f.hunks.length === 0) return;
      const rules = this.active.filter((a) => inScope(a.rule, f));
      if (rules.length === 0) return;
      const filter = filterFor(rules);
      f.hunks.forEach((h, hi) => {
        if (!filter || filter(h)) this.hunk(rules, h, f, motion, pi, `${pi}\0${fi}`, hi);
      });
    });
  }

  private hunk(rules: ActiveRule[], hunk: Hunk, f: FileDiff, motion: Motion, pi: number, fileKey: string, hi: number): void {
    const infos = annotateHunk(hunk);
    for (let li = 0; li < hunk.lines.length; li++) {
      const info = infos[li];
      if (!info) continue;
      const line = hunk.lines[li];
      const view = new LineView(line, info);
      for (const { rule, alts } of rules) {
        let values: Record<string, string> | null = null;
        for (const alt of alts) if ((values = testAlternative(alt, view, motion))) break;
        if (!values) continue;
        const group =
          rule.report === 'line' ? null : rule.report === 'hunk' ? `${rule.id}\0${fileKey}\0${hi}` : rule.report === 'file' ? `${rule.id}\0${fileKey}` : `${rule.id}\0${pi}`;
        const earlier = group ? this.groups.get(group) : undefined;
        if (earlier) {
          earlier.count++;
          continue;
        }
        const isAdd = line.kind === 'add';
        const hit: Hit = {
          rule,
          patch: pi,
          file: f.path,
          line: isAdd ? line.newLine : line.oldLine,
          side: isAdd ? 'new' : 'old',
          text: line.text,
          key: line.text,
          values,
          count: 1,
        };
        this.hits.push(hit);
        if (group) this.groups.set(group, hit);
      }
    }
  }
}

function checkHits(rules: CheckRule[], input: EvalInput): Hit[] {
  const out: Hit[] = [];
  for (const rule of rules) {
    for (const h of rule.check.run(input)) {
      out.push({ rule, patch: h.patch, file: null, line: null, side: null, text: h.text, key: h.key, values: h.values, count: 1 });
    }
  }
  return out;
}

function seriesMsgid(input: EvalInput): string {
  return input.series?.cover?.msgid ?? input.patches[0]?.msgid ?? '';
}

/** Runs the rules over the series. Findings come in patch order (series-level ones first), then file and line order. */
export function evaluate(rules: readonly Rule[], input: EvalInput): Finding[] {
  const paths = allPaths(input);
  const active: ActiveRule[] = [];
  const checks: CheckRule[] = [];
  for (const rule of rules) {
    if (rule.kind === 'check') {
      checks.push(rule);
      continue;
    }
    const alts = rule.alternatives.filter((a) => !a.unlessChanged || !paths.some(a.unlessChanged));
    if (alts.length > 0) active.push({ rule, alts });
  }
  const scan = new DiffScan(active);
  input.patches.forEach((p, i) => scan.patch(p, i));
  const hits = [...checkHits(checks, input), ...scan.hits];
  // Stable: series-level (-1) first, then by patch; within a patch, checks before diff hits.
  hits.sort((a, b) => a.patch - b.patch);
  const fp = new Fingerprinter();
  return hits.map((h): Finding => {
    const patch = h.patch >= 0 ? input.patches[h.patch] : null;
    const values: Record<string, string> = {
      ...(h.file !== null ? { file: h.file, line: String(h.line ?? ''), side: h.side ?? '', text: clip(h.text), count: String(h.count) } : {}),
      ...h.values,
    };
    return {
      ruleId: h.rule.id,
      severity: h.rule.severity,
      title: h.rule.title,
      message: h.rule.message.render(values),
      patch: patch ? { index: patch.index, msgid: patch.msgid } : { index: 0, msgid: seriesMsgid(input) },
      file: h.file,
      line: h.line,
      side: h.side,
      text: h.text,
      fingerprint: fp.next(h.rule.id, h.file ?? '', h.key),
    };
  });
}
