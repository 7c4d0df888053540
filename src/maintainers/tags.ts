// Short subsystem tags (mm, cxl, bpf, ...) for MAINTAINERS sections, from subsystem-tags.json and,
// where it says nothing, from the local part of the section's lists.

import data from './subsystem-tags.json' with { type: 'json' };
import type { MaintainersDb } from './types.js';

export interface TagTable {
  sections: Record<string, string[]>;
  lists: Record<string, string[]>;
}

export const defaultTags: TagTable = { sections: data.sections, lists: data.lists };

const LIST_PREFIX = /^linux-/;
const LIST_SUFFIX = /-(?:devel|dev|kernel|general|users|patches)$/;

/** `linux-cxl@vger.kernel.org` → `cxl`, `cgroups@vger.kernel.org` → `cgroups`; null when nothing is left. */
export function tagFromList(address: string): string | null {
  const local = address.toLowerCase().split('@')[0] ?? '';
  const tag = local.replace(LIST_PREFIX, '').replace(LIST_SUFFIX, '');
  return /^[a-z0-9][a-z0-9.+_-]*$/.test(tag) && tag !== 'kernel' ? tag : null;
}

function sectionEntry(table: TagTable, name: string): string[] | undefined {
  const exact = table.sections[name];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(table.sections)) {
    if (key.endsWith('*') && name.startsWith(key.slice(0, -1)) && (!best || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table.sections[best];
}

/** Tags of a section given its name and list addresses. */
export function tagsFor(name: string, lists: string[], table: TagTable = defaultTags): string[] {
  const named = sectionEntry(table, name);
  if (named) return [...named];
  const tags = new Set<string>();
  for (const list of lists) {
    const mapped = table.lists[list.toLowerCase()];
    if (mapped) for (const t of mapped) tags.add(t);
    else {
      const derived = tagFromList(list);
      if (derived) tags.add(derived);
    }
  }
  return [...tags];
}

/** Tags of a section of the database (by id or name). */
export function sectionTags(db: MaintainersDb, section: number | string, table: TagTable = defaultTags): string[] {
  const s = typeof section === 'number' ? db.sections[section] : db.sections.find((x) => x.name === section);
  if (!s) return [];
  const lists: string[] = [];
  for (let i = s.start + 1; i < s.end; i++) {
    const line = db.lines[i];
    if (line.type === 'L') lists.push(line.value.split(/\s/)[0]);
  }
  return tagsFor(s.name, lists, table);
}
