// Paths of diffs without `diff --git` (GNU diff, quilt, CVS). Their names may or may not carry a
// leading directory that `patch -p1` would strip: `a/x`/`b/x` and quilt's `linux.orig/x`/`linux/x`
// do, CVS's `bfd/elf-bfd.h` on both lines does not. The two names of one file tell: differing first
// components are a prefix pair. Files that cannot tell (one side /dev/null) follow the patch's other
// files, or strip only an `a/`/`b/` prefix.
import { refreshPath, type OpenFile } from './open-file.js';
import { DEV_NULL, firstComponent, stripComponent } from './paths.js';

function decide(open: OpenFile): boolean | null {
  const { rawOld, rawNew } = open;
  if (!rawOld || !rawNew || rawOld === DEV_NULL || rawNew === DEV_NULL) return null;
  const a = firstComponent(rawOld);
  const b = firstComponent(rawNew);
  if (a === null || b === null) return false;
  return a !== b;
}

function guess(name: string): boolean {
  const first = firstComponent(name);
  return first === 'a' || first === 'b';
}

export function resolveNonGitPaths(opens: OpenFile[]): void {
  const nonGit = opens.filter((o) => o.kind === 'nongit');
  if (nonGit.length === 0) return;
  const decisions = nonGit.map(decide);
  const known = decisions.find((d) => d !== null);
  nonGit.forEach((open, i) => {
    const f = open.file;
    const rawOld = open.rawOld ?? DEV_NULL;
    const rawNew = open.rawNew ?? DEV_NULL;
    const real = rawNew !== DEV_NULL ? rawNew : rawOld;
    const strip = decisions[i] ?? known ?? guess(real);
    const name = (raw: string) => (raw === DEV_NULL ? null : strip ? stripComponent(raw) : raw);
    const oldName = name(rawOld);
    const newName = name(rawNew);
    if (oldName === null) {
      f.status = 'added';
      f.oldPath = null;
      f.newPath = newName;
    } else if (newName === null) {
      f.status = 'deleted';
      f.oldPath = oldName;
      f.newPath = null;
    } else {
      // Without git's headers there are no renames: `x.orig` vs `x` is the same file.
      f.status = 'modified';
      f.oldPath = newName;
      f.newPath = newName;
    }
    refreshPath(f);
  });
}
