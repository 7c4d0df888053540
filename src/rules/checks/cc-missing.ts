// process.cc-missing: recipients MAINTAINERS asks for (computed by src/maintainers and handed in as
// context.missingRecipients) that the mail does not address. Without that data the check is silent.
import type { Address } from '../../model/mail.js';
import type { MissingRecipient } from '../types.js';
import type { BuiltinCheck, CheckHit } from './types.js';

function describe(r: MissingRecipient): string {
  const who = r.name ? `${r.name} <${r.email}>` : r.email;
  return r.why ? `${who} (${r.why})` : who;
}

/** Recipients still missing once the mail's own From/To/Cc are taken into account. */
function stillMissing(list: MissingRecipient[], addressed: Address[]): MissingRecipient[] {
  const have = new Set(addressed.map((a) => a.email.toLowerCase()));
  const seen = new Set<string>();
  return list.filter((r) => {
    const e = r.email.toLowerCase();
    if (have.has(e) || seen.has(e)) return false;
    seen.add(e);
    return true;
  });
}

export const ccMissing: BuiltinCheck = {
  name: 'cc-missing',
  description: 'a patch or cover letter that leaves out a list or maintainer MAINTAINERS asks for',
  placeholders: ['missing', 'count'],
  run(input) {
    const data = input.context?.missingRecipients;
    if (!data) return [];
    const hits: CheckHit[] = [];
    const report = (patch: number, title: string, list: MissingRecipient[] | undefined, addressed: Address[]) => {
      if (!list || list.length === 0) return;
      const missing = stillMissing(list, addressed);
      if (missing.length === 0) return;
      const emails = missing.map((m) => m.email.toLowerCase()).sort();
      hits.push({
        patch,
        key: `${title}\0${emails.join(',')}`,
        text: emails.join(', '),
        values: { missing: missing.map(describe).join(', '), count: String(missing.length) },
      });
    };
    const cover = input.series?.cover;
    if (cover) report(-1, input.series?.title ?? '', data[cover.msgid], [...(cover.to ?? []), ...(cover.cc ?? [])]);
    input.patches.forEach((p, i) => {
      report(i, p.title ?? p.mail.subject ?? '', data[p.msgid], [p.mail.from, ...p.mail.to, ...p.mail.cc]);
    });
    return hits;
  },
};
