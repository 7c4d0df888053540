// SOURCE arguments → the review model, with MAINTAINERS and rules wired in (each loaded only when used).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReview, type BuildOptions, type Analysers } from '../review/build.js';
import type { ReviewModel } from '../model/review.js';
import type { Loaded } from '../pipeline/load.js';
import { loadFromArgs, UsageError, type SourceFlags } from './load.js';
import type { Selection } from '../index/load.js';
import { gitConfig } from './config.js';
import { warn } from './output.js';

export interface ReviewFlags extends SourceFlags {
  maintainers?: string;
  tree?: string;
  rules?: string[];
  disable?: string[];
  enable?: string[];
  /** Skip the rule engine (views that do not show findings). */
  noRules?: boolean;
}

/** `--maintainers FILE`, else `--tree DIR`/MAINTAINERS, else git config lorescope.tree; null when none. */
export function maintainersPath(flags: ReviewFlags, onWarn: (msg: string) => void = warn): string | null {
  if (flags.maintainers) {
    if (!existsSync(flags.maintainers)) throw new UsageError(`${flags.maintainers}: no such MAINTAINERS file`);
    return resolve(flags.maintainers);
  }
  const tree = flags.tree ?? gitConfig('lorescope.tree');
  if (!tree) return null;
  const file = join(tree, 'MAINTAINERS');
  if (existsSync(file)) return resolve(file);
  if (flags.tree) onWarn(`lorescope: ${tree} has no MAINTAINERS file; subsystem sections and Cc checks are skipped`);
  return null;
}

/** `onWarn` gets the one-line warnings (stderr by default; the TUI shows them in its status line). */
export async function analysersFor(flags: ReviewFlags, onWarn: (msg: string) => void = warn): Promise<Analysers> {
  const an: Analysers = {};
  const mpath = maintainersPath(flags, onWarn);
  if (mpath) {
    const [{ loadMaintainers }, { maintainersAnalyser }] = await Promise.all([import('../maintainers/index.js'), import('../review/sections.js')]);
    const { db, errors } = loadMaintainers(mpath);
    if (errors?.length) onWarn(`lorescope: ${mpath}: ${errors.length} malformed line(s) ignored, first at line ${errors[0].line}: ${errors[0].message}`);
    Object.assign(an, maintainersAnalyser(db, mpath));
  }
  const tree = flags.tree ?? gitConfig('lorescope.tree');
  const mailmap = tree ? join(tree, '.mailmap') : null;
  if (mailmap && existsSync(mailmap)) {
    const { parseMailmap } = await import('../maintainers/mailmap.js');
    try {
      an.mailmap = parseMailmap(readFileSync(mailmap, 'utf8'));
      an.mailmapSource = resolve(mailmap);
    } catch (e) {
      warn(`lorescope: ${mailmap}: ${(e as Error).message}; people are matched without it`);
    }
  }
  if (!flags.noRules) {
    const [{ formatLoadError, loadRules, selectRules }, { rulesAnalyser }] = await Promise.all([import('../rules/index.js'), import('../review/findings.js')]);
    const { rules, errors } = loadRules({ dirs: flags.rules ?? [] });
    for (const e of errors) onWarn(`lorescope: ${formatLoadError(e)}`);
    const { rules: active, unknown } = selectRules(rules, { enable: flags.enable ?? [], disable: flags.disable ?? [] });
    for (const u of unknown) onWarn(`lorescope: no rule matches "${u}"`);
    Object.assign(an, rulesAnalyser(active));
  }
  return an;
}

export async function loadReview(args: string[], flags: ReviewFlags, select?: Selection, build: BuildOptions = {}): Promise<{ loaded: Loaded; review: ReviewModel }> {
  const loaded = await loadFromArgs(args, flags, select);
  const review = buildReview(loaded, await analysersFor(flags), build);
  return { loaded, review };
}
