// The am writer's options and their mapping to `writeAm`, shared by `lorescope am` (which writes the
// mbox) and `lorescope apply` (which hands the same bytes to git am): one parser, so every option
// of am means the same in apply.
import type { Command } from 'commander';
import type { Address } from '../model/mail.js';
import type { AmResult } from '../am/index.js';
import type { Loaded } from '../pipeline/load.js';
import { UsageError } from './errors.js';
import { repeatableList } from './repeatable.js';
import { gitConfig } from './config.js';
import { DEFAULT_LINK_MASK } from './defaults.js';

async function identity(opt: string | undefined): Promise<Address | undefined> {
  if (opt) {
    const { parseIdentity } = await import('../am/index.js');
    const id = parseIdentity(opt);
    if (!id) throw new UsageError(`--identity "${opt}": expected "Name <email>"`);
    return id;
  }
  const name = gitConfig('user.name');
  const email = gitConfig('user.email');
  return name && email ? { name, email } : undefined;
}

/** Every option of the am writer (not -o); `treeHelp` says what --tree is for in this command. */
function versionNumber(v: string): number {
  if (!/^\d{1,4}(\.\d{1,4})?$/.test(v)) throw new UsageError(`-v ${v}: expected a revision number such as 3 or 5.1`);
  return Number(v);
}

export function addAmWriterOptions(cmd: Command, treeHelp = 'kernel tree whose MAINTAINERS to use'): Command {
  return cmd
    .option('-v, --use-version <n>', 'write revision N of the series instead of the newest', versionNumber)
    .option('-P, --cherry-pick <spec>', 'only these patches: "1,3,5-7,9-", "-3", "_" (the patch MSGID names), "*glob*" (titles)')
    .option('--no-partial-reroll', 'write a partial reroll (v3 2/2 sent into v2\'s thread) as sent, without v2\'s other patches')
    .option('--add-my-sob', 'add your Signed-off-by (identity from --identity or git config user.name/user.email)')
    .option('--identity <who>', 'identity for --add-my-sob, "Name <email>"')
    .option('--add-link', 'add a link trailer built from each Message-ID')
    .option('--link-mask <mask>', 'link trailer mask', DEFAULT_LINK_MASK)
    .option('--copy-ccs', 'turn the To/Cc addresses into Cc: trailers')
    .option('--no-add-trailers', 'do not add trailers collected from replies')
    .option('--sloppy-trailers', 'apply trailers whose address differs from the sender\'s')
    .option('--trailer-order <globs>', 'order trailers by name globs, e.g. "Cc,Tested*,Reviewed*,*"')
    .option('--ignore-trailers-from <addrs>', 'drop follow-up trailers from these addresses (comma separated, repeatable)', repeatableList, [])
    .option('--scoped-trailers', 'apply a cover-letter trailer with a scope ("# for the cgroup parts") only to the patches it names')
    .option('--maintainers <file>', 'MAINTAINERS file, so --scoped-trailers can resolve section and subsystem names')
    .option('--tree <dir>', treeHelp)
    .option('--mboxrd', 'force mboxrd unescaping');
}

export interface AmRun {
  loaded: Loaded;
  res: AmResult & { series: NonNullable<AmResult['series']> };
}

/** Load SOURCE and write the am-ready mbox of the chosen series in memory; warnings go to stderr. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runAmWriter(source: string | undefined, msgid: string | undefined, opts: any): Promise<AmRun> {
  const [{ writeAm }, { loadFromArgs }, { warn }, { formatErrors }, { bareMsgid, loadForThread }] = await Promise.all([
    import('../am/index.js'), import('./load.js'), import('./output.js'), import('../views/series-text.js'), import('./thread-pick.js'),
  ]);
  const id = msgid ? bareMsgid(msgid) : undefined;
  // With a MSGID only its thread (its unit in the index) is read.
  const loaded = id ? await loadForThread(source ? [source] : [], id, opts) : await loadFromArgs(source ? [source] : [], opts);
  const errs = formatErrors({ ...loaded.model, errors: loaded.model.errors.filter((e) => e.severity === 'error') });
  if (errs) warn(errs);
  if (opts.scopedTrailers) {
    const [{ buildReview }, { analysersFor }, { narrowCoverTrailers }] = await Promise.all([
      import('../review/build.js'), import('./review.js'), import('../review/scope-apply.js'),
    ]);
    const review = buildReview(loaded, await analysersFor({ ...opts, noRules: true }));
    for (const note of narrowCoverTrailers(loaded, review).notes) warn(`scope: ${note}`);
  }
  const me = opts.addMySob ? await identity(opts.identity) : undefined;
  if (opts.addMySob && !me) throw new UsageError('--add-my-sob needs --identity "Name <email>" or git config user.name/user.email');
  const res = writeAm(loaded, {
    msgid: id,
    version: opts.useVersion,
    cherryPick: opts.cherryPick,
    partialReroll: opts.partialReroll,
    addTrailers: opts.addTrailers,
    addMySob: !!opts.addMySob,
    identity: me,
    addLink: !!opts.addLink,
    linkMask: opts.linkMask,
    copyCcs: !!opts.copyCcs,
    sloppyTrailers: !!opts.sloppyTrailers,
    trailerOrder: opts.trailerOrder,
    ignoreTrailersFrom: opts.ignoreTrailersFrom,
  });
  // Without a series the writer's own warning is the error: say it once.
  if (!res.series) throw new UsageError(res.warnings[0] ?? 'no patch series in input');
  for (const w of res.warnings) warn(w);
  return { loaded, res: res as AmRun['res'] };
}
