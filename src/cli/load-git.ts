// `--git REPO RANGE`: commits turned into mail with format-patch, then the usual pipeline.
import { analyse, collectFrom, newCollector, type Loaded } from '../pipeline/load.js';
import { splitMbox } from '../sources/mbox.js';
import { bufferChunks } from '../sources/read.js';
import { formatPatch } from '../git/format-patch.js';
import { UsageError, type SourceFlags } from './load.js';

export async function loadFromGit(repo: string, range: string, flags: SourceFlags): Promise<Loaded> {
  let mbox: Buffer;
  try {
    mbox = await formatPatch(repo, range);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (mbox.length === 0) throw new UsageError(`${range}: no commits in range`);
  const col = newCollector();
  await collectFrom(col, splitMbox(bufferChunks(mbox), { source: `git:${repo}:${range}` }));
  return analyse(col, flags);
}
