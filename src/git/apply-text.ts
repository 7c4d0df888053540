// `lorescope apply` results for people: the report on the terminal and one line for the TUI.
import type { ApplyResult } from './apply.js';

const short = (c: string) => c.slice(0, 12);

function baseLine(r: ApplyResult): string {
  if (r.base.from === 'base-commit') return `${short(r.base.commit)} (the series' base-commit)`;
  if (r.base.from === '--base') return `${short(r.base.commit)} (--base)`;
  return `${short(r.base.commit)} (HEAD${r.base.wanted ? `; base-commit ${short(r.base.wanted)} is not in this tree` : ''})`;
}

export function formatApply(r: ApplyResult, title: string): string {
  const out: string[] = [];
  const total = r.patches.length;
  out.push(`${title}: ${r.applied} of ${total} patch${total === 1 ? '' : 'es'} applied on branch ${r.branch} in ${r.tree}`);
  out.push(`  base: ${baseLine(r)}`);
  out.push(`  was on: ${r.previous.branch ?? `detached HEAD ${short(r.previous.commit)}`} (not changed)`);
  out.push(`  hooks: ${r.hooks ? 'ran (--run-hooks)' : 'not run'}${r.disarmed.length ? `; disarmed for the am: ${r.disarmed.join(', ')}` : ''}${r.threeWay ? '; three-way (-3)' : ''}`);
  if (r.failed) {
    const f = r.failed;
    out.push(`patch ${f.position}/${total} failed to apply: ${f.subject}`);
    for (const file of f.files) {
      out.push(`  ${file.file}${file.line !== null ? `:${file.line}` : ''}: ${file.reason}${file.hunk ? `  (hunk ${file.hunk})` : ''}`);
    }
    if (!f.files.length) for (const m of f.messages.slice(0, 5)) out.push(`  ${m}`);
    if (r.inProgress) {
      out.push(`git am stopped on ${r.branch}; the tree is as git am left it. Then:`);
      out.push(`  resolve, git add the files, and continue:  ${r.commands.continue}`);
      out.push(`  skip this patch:                           ${r.commands.skip}`);
      out.push(`  undo the am (the branch returns to base):  ${r.commands.abort}`);
      out.push(`  give up and go back to where you were:     ${r.commands.back}`);
    } else {
      out.push(`  go back to where you were: ${r.commands.back}`);
    }
  } else {
    out.push(`  back to where you were: ${r.commands.back}`);
  }
  return out.join('\n') + '\n';
}

function baseShort(r: ApplyResult): string {
  if (r.base.from === 'base-commit') return `at base-commit ${short(r.base.commit)}`;
  if (r.base.from === '--base') return `at --base ${short(r.base.commit)}`;
  return r.base.wanted ? `at HEAD: base-commit ${short(r.base.wanted)} is not in the tree` : 'at HEAD: the series names no base-commit';
}

/** A few lines' worth for the TUI's status line: what happened, and the way out. */
export function applySummary(r: ApplyResult): string {
  const total = r.patches.length;
  const planted = r.warnings.filter((w) => w.startsWith('the series changes ')).map((w) => w.replace(/: your own git.*$/, ''));
  const note = planted.length ? ` (${planted.join('; ')})` : '';
  const was = r.previous.branch ?? short(r.previous.commit);
  if (!r.failed) return `applied ${r.applied}/${total} on ${r.branch} in ${r.tree}, ${baseShort(r)}${note}; back: git checkout ${was}`;
  const f = r.failed;
  const where = f.files.map((x) => `${x.file}${x.line !== null ? `:${x.line}` : ''} ${x.reason}`).join('; ') || f.messages[0] || '';
  const out = r.inProgress ? `git am waits on ${r.branch} in ${r.tree}; undo: git am --abort, then git checkout ${was}` : `back: git checkout ${was}`;
  return `patch ${f.position}/${total} failed: ${where} (${baseShort(r)})${note}. ${out}`;
}
