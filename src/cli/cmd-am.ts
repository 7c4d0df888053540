// `lorescope am SOURCE [MSGID] -o FILE`: an am-ready mbox with collected trailers, as `b4 am` writes it.
import type { Command } from 'commander';
import type { Address } from '../model/mail.js';
import { UsageError } from './errors.js';
import { repeatableList } from './repeatable.js';
import { gitConfig } from './config.js';
import { DEFAULT_LINK_MASK } from './defaults.js';
import { addSourceOptions } from './source-options.js';
import { addGithubPrOptions } from './github-options.js';


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

function versionNumber(v: string): number {
  if (!/^\d{1,4}(\.\d{1,4})?$/.test(v)) throw new UsageError(`-v ${v}: expected a revision number such as 3 or 5.1`);
  return Number(v);
}

export function registerAm(program: Command): Command {
  const cmd = program
    .command('am')
    .description('write an am-ready mbox of the newest (or given) series with collected trailers')
    .argument('[source]', 'mbox/maildir/directory/-, or a Message-ID / lore URL (default: the bundled demo)')
    .argument('[msgid]', 'a message of the thread: its newest revision is written (default: the newest series)')
    .option('-v, --use-version <n>', 'write revision N of the series instead of the newest', versionNumber)
    .option('-P, --cherry-pick <spec>', 'only these patches: "1,3,5-7,9-", "-3", "_" (the patch MSGID names), "*glob*" (titles)')
    .option('--no-partial-reroll', 'write a partial reroll (v3 2/2 sent into v2\'s thread) as sent, without v2\'s other patches')
    .option('-o, --output <file>', 'output file, - for stdout', '-')
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
    .option('--tree <dir>', 'kernel tree whose MAINTAINERS to use')
    .option('--mboxrd', 'force mboxrd unescaping');
  return addSourceOptions(addGithubPrOptions(cmd))
    .action(async (source: string | undefined, msgid: string | undefined, opts) => {
      const [{ writeAm }, { loadFromArgs }, { writeOut, warn }, { formatErrors }] = await Promise.all([
        import('../am/index.js'), import('./load.js'), import('./output.js'), import('../views/series-text.js'),
      ]);
      const loaded = await loadFromArgs(source ? [source] : [], opts);
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
        msgid: msgid?.replace(/^<|>$/g, '').replace(/^id:/, ''),
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
      writeOut(res.mbox, opts.output);
      if (opts.output !== '-') warn(`wrote ${res.series.patches.length} patch(es) of "${res.series.title}" v${res.series.version} to ${opts.output}`);
    });
}
