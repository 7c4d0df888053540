// Addresses rendered the way b4 (and Python's email package under it) renders them.
import type { Address } from '../model/mail.js';
import { parseAddresses } from '../mail/addresses.js';

/** Characters that force quoting of a display name (b4's qspecials). */
const QSPECIALS = /[()<>@,:;."[\]]/;
/** Python email.utils.formataddr's specials (adds the backslash). */
const SPECIALS = /[()<>@,:;."[\]\\]/;
const escape = (s: string): string => s.replace(/(["\\])/g, '\\$1');

/** b4's format_addrs for one pair: bare address, `"Quoted, Name" <addr>` or `Name <addr>`. */
export function formatAddr(name: string, email: string): string {
  if (!name || name === email) return email;
  if (!name.startsWith('=?') && !name.startsWith('"') && QSPECIALS.test(name)) return `"${escape(name)}" <${email}>`;
  // Non-ASCII names stay as they are: b4 registers utf-8 without header encoding.
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(name)) return `${name} <${email}>`;
  return SPECIALS.test(name) ? `"${escape(name)}" <${email}>` : `${name} <${email}>`;
}

/** How Python's header registry prints a parsed address (str(Address)), which b4 feeds to git. */
export function pythonAddress(a: Address): string {
  if (!a.name) return a.email;
  const disp = /[()<>@,:;."[\]]/.test(a.name) ? `"${escape(a.name)}"` : a.name;
  return `${disp} <${a.email}>`;
}

/** Sort key b4 uses for --copy-ccs: domain, then local part. */
export function ccSortKey(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return email;
  const parts = email.split('@');
  return parts[1] + parts[0];
}

/** `--identity "Name <addr>"`: the person whose Signed-off-by is ours; null when unreadable. */
export function parseIdentity(text: string): Address | null {
  const [a] = parseAddresses(text);
  return a && a.email.includes('@') && a.name ? { name: a.name, email: a.email } : null;
}
