// From ordered sections to the recipient list, following get_maintainer.pl's add_categories,
// push_email_address, deduplicate_email, the chief-penguin filter, add_role and merge_email, so
// that names, roles, order and deduplication print exactly as the script prints them.

import { formatEmail, parseEmail, rfc822Valid, rfc822ValidList } from './email.js';
import { mailmapEmail } from './mailmap.js';
import type { MaintainersDb, MatchResult, Recipient, RoleRef, Section } from './types.js';

interface Entry {
  email: string;
  role: string;
  refs: RoleRef[];
  kind: 'person' | 'list';
  listType?: Recipient['listType'];
}

const ROLE_NAMES: Record<string, string> = {
  supported: 'supporter',
  maintained: 'maintainer',
  'odd fixes': 'odd fixer',
  orphan: 'orphan minder',
  obsolete: 'obsolete minder',
  'buried alive in reporters': 'chief penguin',
};

export function maintainerRole(section: Section): string {
  const status = (section.status || 'unknown').toLowerCase();
  return `${ROLE_NAMES[status] ?? status}:${section.displayName}`;
}

function listRole(section: Section): string {
  return section.displayName === 'THE REST' ? '' : ':' + section.displayName;
}

const splitCache = new Map<string, string[]>();
const SPLIT_CACHE_MAX = 50_000;

/** push_email_addresses: one valid address, else a valid list, else the text as it is. */
function splitAddressField(value: string): string[] {
  let items = splitCache.get(value);
  if (items) return items;
  if (rfc822Valid(value)) items = [value];
  else {
    const list = rfc822ValidList(value);
    if (list) {
      items = [];
      for (const item of list) {
        if (!item || item === '0') break;
        items.push(item);
      }
    } else items = [value];
  }
  if (splitCache.size < SPLIT_CACHE_MAX) splitCache.set(value, items);
  return items;
}

const CHIEF_PENGUINS = [{ name: 'Linus Torvalds', address: 'torvalds@linux-foundation.org' }];

export class RecipientCollector {
  private emailTo: Entry[] = [];
  private listTo: Entry[] = [];
  private names = new Map<string, Entry>();
  private addresses = new Map<string, Entry>();
  private lists = new Map<string, Entry>();
  private fileEmails: string[] = [];
  readonly status: string[] = [];
  readonly scm: string[] = [];
  readonly web: string[] = [];
  readonly bug: string[] = [];
  readonly subsystems: string[] = [];

  constructor(private readonly db: MaintainersDb) {}

  addSection(id: number, keyword?: string): void {
    const section = this.db.sections[id];
    const suffix = keyword === undefined ? '' : `:Keyword:${keyword}`;
    this.subsystems.push(section.name);
    for (let i = section.start + 1; i < section.end; i++) {
      const { type, value } = this.db.lines[i];
      const ref = (field: 'M' | 'R' | 'L'): RoleRef => (keyword === undefined ? { field, section: id } : { field, section: id, keyword });
      if (type === 'L') this.addList(value, section, suffix, ref('L'));
      else if (type === 'M') this.pushAddresses(value, maintainerRole(section) + suffix, ref('M'));
      else if (type === 'R') this.pushAddresses(value, `reviewer:${section.displayName}${suffix}`, ref('R'));
      else if (type === 'T') this.scm.push(value + suffix);
      else if (type === 'W') this.web.push(value + suffix);
      else if (type === 'B') this.bug.push(value + suffix);
      else if (type === 'S') this.status.push(value + suffix);
    }
  }

  /** Addresses found in a matched file (maintainers_in_file), added after deduplication. */
  addFileEmails(emails: string[]): void {
    this.fileEmails.push(...emails);
  }

  private addList(value: string, section: Section, suffix: string, ref: RoleRef): void {
    let address = value;
    let additional = '';
    const m = /(\S+)\s+(.*)$/s.exec(value);
    if (m) {
      address = m[1];
      additional = m[2];
    }
    const key = address.toLowerCase();
    const seen = this.lists.get(key);
    if (seen) {
      seen.refs.push(ref);
      return;
    }
    // Subscriber-only lists are left out unless asked for (--s); the script's default.
    if (additional.includes('subscribers-only')) return;
    const moderated = additional.includes('moderated');
    const entry: Entry = {
      email: address,
      role: `${moderated ? 'moderated' : 'open'} list${listRole(section)}${suffix}`,
      refs: [ref],
      kind: 'list',
      listType: moderated ? 'moderated' : 'open',
    };
    this.lists.set(key, entry);
    this.listTo.push(entry);
  }

  private pushAddresses(value: string, role: string, ref: RoleRef): void {
    for (const item of splitAddressField(value)) this.pushAddress(item, role, ref);
  }

  private pushAddress(line: string, role: string, ref: RoleRef): boolean {
    const { name, address } = parseEmail(line);
    if (address === '') return false;
    const lname = name.toLowerCase();
    const laddr = address.toLowerCase();
    const inUse = (name !== '' && this.names.get(lname)) || this.addresses.get(laddr);
    if (inUse) {
      inUse.refs.push(ref);
      return true;
    }
    const entry: Entry = { email: formatEmail(name, address), role, refs: [ref], kind: 'person' };
    this.emailTo.push(entry);
    if (name !== '') this.names.set(lname, entry);
    this.addresses.set(laddr, entry);
    return true;
  }

  /** deduplicate_email over every entry, then the chief-penguin filter, then file addresses. */
  finish(): Pick<MatchResult, 'recipients' | 'status' | 'scm' | 'web' | 'bug' | 'subsystems'> {
    const dedupNames = new Map<string, [string, string]>();
    const dedupAddrs = new Map<string, [string, string]>();
    const mailmap = this.db.mailmap;
    for (const e of [...this.emailTo, ...this.listTo]) {
      let { name, address } = parseEmail(mailmapEmail(mailmap, e.email));
      const byName = name !== '' ? dedupNames.get(name.toLowerCase()) : undefined;
      const known = byName ?? dedupAddrs.get(address.toLowerCase());
      if (known) [name, address] = known;
      else {
        dedupNames.set(name.toLowerCase(), [name, address]);
        dedupAddrs.set(address.toLowerCase(), [name, address]);
      }
      e.email = mailmapEmail(mailmap, formatEmail(name, address));
    }
    for (const chief of CHIEF_PENGUINS) {
      const re = new RegExp(formatEmail(chief.name, chief.address));
      this.emailTo = this.emailTo.filter((e) => !re.test(e.email));
    }
    for (const raw of [...new Set(this.fileEmails)]) {
      const { name, address } = parseEmail(mailmapEmail(mailmap, raw));
      const tmp = formatEmail(name, address);
      this.pushFileAddress(tmp);
      this.addRole(tmp, 'in file');
    }
    return {
      recipients: this.merge(),
      status: [...new Set(this.status)],
      scm: [...new Set(this.scm)],
      web: [...new Set(this.web)],
      bug: [...new Set(this.bug)],
      subsystems: [...new Set(this.subsystems)],
    };
  }

  private pushFileAddress(line: string): void {
    const { name, address } = parseEmail(line);
    if (address === '') return;
    if ((name !== '' && this.names.has(name.toLowerCase())) || this.addresses.has(address.toLowerCase())) return;
    const entry: Entry = { email: formatEmail(name, address), role: '', refs: [], kind: 'person' };
    this.emailTo.push(entry);
    if (name !== '') this.names.set(name.toLowerCase(), entry);
    this.addresses.set(address.toLowerCase(), entry);
  }

  private addRole(line: string, role: string): void {
    const { name, address } = parseEmail(line);
    for (const e of this.emailTo) {
      const other = parseEmail(e.email);
      if ((name === other.name || address === other.address) && (role === '' || !e.role.includes(role))) {
        e.role = e.role === '' ? role : `${e.role},${role}`;
        e.refs.push({ field: 'file', section: null });
      }
    }
  }

  private merge(): Recipient[] {
    const out: Recipient[] = [];
    const seen = new Map<string, Recipient>();
    for (const e of [...this.emailTo, ...this.listTo]) {
      const prev = seen.get(e.email);
      if (prev) {
        prev.refs.push(...e.refs);
        continue;
      }
      const { name, address } = parseEmail(e.email);
      const r: Recipient = { kind: e.kind, name, address, formatted: e.email, role: e.role, refs: [...e.refs] };
      if (e.listType) r.listType = e.listType;
      seen.set(e.email, r);
      out.push(r);
    }
    return out;
  }
}
