// The review-state table in a digest (`digest --track`): per series of the digest, every tracked
// version with each reviewer's state, last activity and whom it waits for.
import type { TrackRow } from '../../state/types.js';
import { html, md } from './escape.js';

export interface DigestTrack {
  /** The digest's series (newest version) and the tracked rows of any of its versions. */
  series: { id: string; title: string; version: number; rows: TrackRow[] }[];
  where: string;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');
const name = (p: { name: string; email: string }) => p.name || p.email;

function who(r: TrackRow): string[] {
  return r.reviewers.map((s) => {
    const extra = [s.state === 'waiting' && s.waitingFor ? `waiting for ${s.waitingFor}` : s.state];
    if (s.marked.length) extra.push(`${s.marked.length}/${r.series.total} marked`);
    if (s.partsDone.length) extra.push(`done: ${s.partsDone.join(', ')}`);
    return `${name(s.reviewer)} (${extra.join(', ')})`;
  });
}

export function trackMarkdown(t: DigestTrack): string {
  const out = ['## Review state', '', `From ${md(t.where)}.`, '', '| series | version | who | last activity | waiting for |', '|---|---|---|---|---|'];
  for (const s of t.series) {
    if (!s.rows.length) out.push(`| ${md(s.title)} | v${s.version} | not tracked | - | - |`);
    for (const r of s.rows) {
      out.push(`| ${md(r.series.title)} | v${r.series.version} | ${who(r).map(md).join('; ') || '-'} | ${when(r.lastActivity)} | ${r.waitingFor.map(md).join(', ') || '-'} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function trackHtml(t: DigestTrack): string {
  const out = ['<section id="review-state"><h2>Review state</h2>', `<p>From ${html(t.where)}.</p>`,
    '<table><thead><tr><th>series</th><th>version</th><th>who</th><th>last activity</th><th>waiting for</th></tr></thead><tbody>'];
  for (const s of t.series) {
    if (!s.rows.length) out.push(`<tr><td>${html(s.title)}</td><td>v${s.version}</td><td>not tracked</td><td>-</td><td>-</td></tr>`);
    for (const r of s.rows) {
      out.push(`<tr><td>${html(r.series.title)}</td><td>v${r.series.version}</td><td>${who(r).map(html).join('<br>') || '-'}</td><td>${when(r.lastActivity)}</td><td>${r.waitingFor.map(html).join(', ') || '-'}</td></tr>`);
    }
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

/** The digest's HTML with the review-state section at the end of its main part. */
export function withTrackHtml(page: string, t: DigestTrack): string {
  const end = page.lastIndexOf('</main>');
  return end < 0 ? page + trackHtml(t) : page.slice(0, end) + trackHtml(t) + '\n' + page.slice(end);
}
