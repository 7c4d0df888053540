// `check --git REPO RANGE`: the submitter's commits as format-patch mail, bytes kept.
import { simpleGit } from 'simple-git';

/** Run `git format-patch --stdout RANGE` in REPO and return its exact output. */
export async function formatPatch(repo: string, range: string): Promise<Buffer> {
  if (range.startsWith('-')) throw new Error(`invalid range "${range}"`);
  const chunks: Buffer[] = [];
  let err = '';
  const git = simpleGit({ baseDir: repo }).outputHandler((_cmd, stdout, stderr) => {
    stdout.on('data', (b: Buffer) => { chunks.push(b); });
    stderr.on('data', (b: Buffer) => { err += b.toString(); });
  });
  try {
    await git.raw(['format-patch', '--stdout', '--no-color', range]);
  } catch (e) {
    throw new Error(`git format-patch ${range} in ${repo} failed: ${(err || (e as Error).message).trim().split('\n')[0]}`);
  }
  return Buffer.concat(chunks);
}
