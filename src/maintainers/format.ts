// Views of a MatchResult: get_maintainer.pl's exact text, a readable table, and plain JSON.

import type { MaintainersDb, MatchResult } from './types.js';

/** What `get_maintainer.pl --no-git --no-git-fallback` prints (default roles/rolestats output). */
export function formatGetMaintainer(result: MatchResult): string {
  return result.recipients.map((r) => `${r.formatted} (${r.role})\n`).join('');
}

export function formatTable(result: MatchResult): string {
  const rows = result.recipients.map((r) => [r.kind === 'list' ? (r.listType ?? 'list') : 'person', r.formatted, r.role]);
  const head = ['kind', 'recipient', 'role'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export interface MatchJson {
  files: { path: string; sections: { name: string; depth: number }[] }[];
  keywords: { section: string; keyword: string }[];
  recipients: {
    kind: 'person' | 'list';
    name: string;
    address: string;
    role: string;
    listType?: string;
    sections: string[];
  }[];
  status: string[];
  scm: string[];
  web: string[];
  bug: string[];
  subsystems: string[];
}

export function toJson(db: MaintainersDb, result: MatchResult): MatchJson {
  const name = (id: number) => db.sections[id].name;
  return {
    files: result.matches.map((m) => ({ path: m.file, sections: m.sections.map((s) => ({ name: name(s.section), depth: s.depth })) })),
    keywords: result.keywordSections.map((k) => ({ section: name(k.section), keyword: k.keyword })),
    recipients: result.recipients.map((r) => ({
      kind: r.kind,
      name: r.name,
      address: r.address,
      role: r.role,
      ...(r.listType ? { listType: r.listType } : {}),
      sections: [...new Set(r.refs.flatMap((ref) => (ref.section === null ? [] : [name(ref.section)])))],
    })),
    status: result.status,
    scm: result.scm,
    web: result.web,
    bug: result.bug,
    subsystems: result.subsystems,
  };
}
