// .mailmap as get_maintainer.pl reads it (read_mailmap / mailmap_email): it rewrites names and
// addresses of MAINTAINERS entries before deduplication when the tree has a .mailmap.

import { formatEmail, parseEmail } from './email.js';
import type { Mailmap } from './types.js';

export function emptyMailmap(): Mailmap {
  return { names: new Map(), addresses: new Map() };
}

export function parseMailmap(text: string): Mailmap {
  const map = emptyMailmap();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').replace(/^\s+|\s+$/g, '');
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^<]+)<([^>]+)>$/.exec(line))) {
      const e = parseEmail(`${m[1].replace(/\s+$/, '')} <${m[2]}>`);
      map.names.set(e.address, e.name);
    } else if ((m = /^<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      map.addresses.set(m[2], m[1]);
    } else if ((m = /^(.+)<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      const e = parseEmail(`${m[1].replace(/\s+$/, '')} <${m[2]}>`);
      map.names.set(m[3], e.name);
      map.addresses.set(m[3], e.address);
    } else if ((m = /^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$/.exec(line))) {
      const real = parseEmail(`${m[1].replace(/\s+$/, '')} <${m[2]}>`);
      const wrong = parseEmail(`${m[3].replace(/\s+$/, '')} <${m[4]}>`);
      const key = formatEmail(wrong.name, wrong.address);
      map.names.set(key, real.name);
      map.addresses.set(key, real.address);
    }
  }
  return map;
}

export function mailmapEmail(map: Mailmap, line: string): string {
  const { name, address } = parseEmail(line);
  const email = formatEmail(name, address);
  let realName = name;
  let realAddress = address;
  if (map.names.has(email) || map.addresses.has(email)) {
    realName = map.names.get(email) ?? realName;
    realAddress = map.addresses.get(email) ?? realAddress;
  } else {
    realName = map.names.get(address) ?? realName;
    realAddress = map.addresses.get(address) ?? realAddress;
  }
  return formatEmail(realName, realAddress);
}
