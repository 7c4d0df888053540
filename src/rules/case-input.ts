// Turning a rule test case into engine input: corpus mail read through the real ingest code,
// inline mails parsed like any other, bare diffs wrapped in a minimal signed-off mail.
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { parsePatch } from '../diff/parse.js';
import { parseAddresses } from '../mail/addresses.js';
import { parseMail } from '../mail/parse.js';
import type { Mail } from '../model/mail.js';
import { loadSources } from '../pipeline/load.js';
import { openSource } from '../sources/open.js';
import { casePatches, type PatchCase, type RuleCase } from './cases.js';
import { inputFromSeries, patchFromMail } from './input.js';
import type { EvalInput, EvalPatch, MissingRecipient } from './types.js';

const DEFAULT_FROM = 'Case Author <author@example.com>';

async function corpusMails(file: string): Promise<Mail[]> {
  const out: Mail[] = [];
  for await (const raw of openSource(file)) out.push(parseMail(raw).mail);
  return out;
}

/** The patch with some of its files left out (drop_files / only_files of the case). */
function dropFiles(p: EvalPatch, pc: Pick<PatchCase, 'drop_files' | 'only_files'>): EvalPatch {
  const drop = pc.drop_files ? picomatch(pc.drop_files, { dot: true }) : () => false;
  const keep = pc.only_files ? picomatch(pc.only_files, { dot: true }) : () => true;
  if (!pc.drop_files && !pc.only_files) return p;
  return { ...p, diff: { ...p.diff, files: p.diff.files.filter((f) => keep(f.path) && !drop(f.path)) } };
}

async function patchInput(pc: PatchCase, pos: number, caseName: string, corpusRoot: string): Promise<EvalPatch> {
  const msgid = `case-${pos}@lorescope.test`;
  if (pc.diff !== undefined) {
    const from = parseAddresses(pc.from ?? DEFAULT_FROM)[0] ?? { name: '', email: '' };
    const body = `${caseName}\n\nSigned-off-by: ${pc.from ?? DEFAULT_FROM}\n---\n${pc.diff}`;
    const diff = parsePatch(pc.diff);
    // A hand-written diff with wrong hunk counts would test the parser's recovery, not the rule.
    if (diff.warnings.length) throw new Error(`case diff does not parse cleanly: ${diff.warnings[0]}`);
    return dropFiles(
      { index: pos, msgid, title: caseName, diff, mail: { from, subject: caseName, body, to: [], cc: [] } },
      pc,
    );
  }
  if (pc.mail !== undefined) {
    const { mail } = parseMail({ bytes: Buffer.from(pc.mail.replace(/^\s*\n/, '')), origin: { source: caseName, index: pos } });
    return dropFiles(patchFromMail(mail, pos), pc);
  }
  const file = resolve(corpusRoot, pc.corpus!);
  const mails = (await corpusMails(file)).filter((m) => pc.subject === undefined || m.subject.includes(pc.subject));
  if (mails.length !== 1) {
    throw new Error(`${pc.corpus}: ${mails.length} mails match ${pc.subject === undefined ? '(no subject given)' : JSON.stringify(pc.subject)}; need exactly one`);
  }
  return dropFiles(patchFromMail(mails[0], pos), pc);
}

/** Engine input for a case. A corpus file without `subject` is read as a whole series by the pipeline. */
export async function caseInput(c: RuleCase, corpusRoot: string): Promise<EvalInput> {
  const pcs = casePatches(c);
  const missing: Record<string, MissingRecipient[]> = {};
  const msgidAt = (pos: number) => `case-${pos}@lorescope.test`;
  if (pcs.length === 1 && pcs[0].corpus !== undefined && pcs[0].subject === undefined) {
    const loaded = await loadSources([resolve(corpusRoot, pcs[0].corpus)]);
    const series = loaded.model.series[0];
    if (!series) throw new Error(`${pcs[0].corpus}: no series found`);
    const input = inputFromSeries(series, loaded.mails);
    input.patches = input.patches.map((p) => dropFiles(p, pcs[0]));
    return input;
  }
  const patches: EvalPatch[] = [];
  for (let i = 0; i < pcs.length; i++) patches.push(await patchInput(pcs[i], i + 1, c.name, corpusRoot));
  for (const [pos, list] of Object.entries(c.missing_recipients ?? {})) {
    const n = Number(pos);
    missing[n === 0 ? msgidAt(0) : (patches[n - 1]?.msgid ?? msgidAt(n))] = list;
  }
  return {
    series: {
      title: patches[0].title ?? c.name,
      baseCommit: c.base_commit ?? null,
      cover: c.cover !== undefined || c.missing_recipients?.['0'] ? { msgid: msgidAt(0), body: c.cover ?? '' } : null,
    },
    patches,
    ...(c.missing_recipients ? { context: { missingRecipients: missing } } : {}),
  };
}
