// The branch a series is applied on: named from the series (`lorescope/<title>-v<N>`) or by --branch.
import type { TreeGit } from './apply-git.js';

export function branchSlug(title: string, version: number): string {
  const words = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  let slug = words.slice(0, 48);
  if (words.length > 48 && slug.includes('-')) slug = slug.slice(0, slug.lastIndexOf('-'));
  return `lorescope/${slug || 'series'}-v${version}`;
}

export async function branchExists(git: TreeGit, name: string): Promise<boolean> {
  return (await git.run(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])).ok;
}

/** A valid, unused branch name: the one asked for, or the series' name with -2, -3… if taken. */
export async function chooseBranch(git: TreeGit, wanted: string | undefined, title: string, version: number): Promise<string> {
  if (wanted !== undefined) {
    const ok = await git.run(['check-ref-format', '--branch', wanted]);
    if (!ok.ok || wanted.startsWith('-')) throw new Error(`--branch ${JSON.stringify(wanted)}: not a valid branch name`);
    if (await branchExists(git, wanted)) throw new Error(`branch ${wanted} already exists in ${git.tree}; choose another --branch`);
    return wanted;
  }
  const base = branchSlug(title, version);
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await branchExists(git, name))) return name;
  }
  throw new Error(`every branch name ${base}-N is taken in ${git.tree}; choose one with --branch`);
}
