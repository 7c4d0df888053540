// Name/address handling exactly as get_maintainer.pl does it (parse_email, format_email,
// escape_name and its RFC 822 validity check), so that quoting and deduplication print the same.

export interface NameAddr {
  name: string;
  address: string;
}

const MUST_QUOTE = /[^\w \-]/i;

export function escapeName(name: string): string {
  if (MUST_QUOTE.test(name)) return '"' + name.replace(/(?<!\\)"/g, '\\"') + '"';
  return name;
}

function trim(s: string): string {
  return s.replace(/^\s+|\s+$/g, '');
}

export function parseEmail(formatted: string): NameAddr {
  let name = '';
  let address = '';
  let m: RegExpExecArray | null;
  if ((m = /^([^<]+)<(.+@.*)>.*$/s.exec(formatted))) {
    name = m[1];
    address = m[2];
  } else if ((m = /^\s*<(.+@\S*)>.*$/s.exec(formatted))) {
    address = m[1];
  } else if ((m = /^(.+@\S*).*$/s.exec(formatted))) {
    address = m[1];
  }
  name = escapeName(trim(name).replace(/^"|"$/g, ''));
  return { name, address: trim(address) };
}

export function formatEmail(name: string, address: string, useName = true): string {
  const n = escapeName(trim(name).replace(/^"|"$/g, ''));
  const a = trim(address);
  if (!useName) return a;
  return n === '' ? a : `${n} <${a}>`;
}

// RFC 822 grammar as get_maintainer.pl (after Email::Valid's rfc822 helpers) spells it.
const LWSP = '(?:(?:\\r\\n)?[ \\t])';
const SPECIALS = '()<>@,;:\\\\".\\[\\]';
const CONTROLS = '\\x00-\\x1f\\x7f';
const DTEXT = '[^\\[\\]\\r\\\\]';
const DOMAIN_LITERAL = `\\[(?:${DTEXT}|\\\\.)*\\]${LWSP}*`;
const QUOTED = `"(?:[^\\"\\r\\\\]|\\\\.|${LWSP})*"${LWSP}*`;
const ATOM = `[^${SPECIALS} ${CONTROLS}]+(?:${LWSP}+|$|(?=[\\["${SPECIALS}]))`;
const WORD = `(?:${ATOM}|${QUOTED})`;
const LOCAL = `${WORD}(?:\\.${LWSP}*${WORD})*`;
const SUBDOMAIN = `(?:${ATOM}|${DOMAIN_LITERAL})`;
const DOMAIN = `${SUBDOMAIN}(?:\\.${LWSP}*${SUBDOMAIN})*`;
const ADDR_SPEC = `${LOCAL}@${LWSP}*${DOMAIN}`;
const PHRASE = `${WORD}*`;
const ROUTE = `(?:@${DOMAIN}(?:,@${LWSP}*${DOMAIN})*:${LWSP}*)`;
const ROUTE_ADDR = `<${LWSP}*${ROUTE}?${ADDR_SPEC}>${LWSP}*`;
const MAILBOX = `(?:${ADDR_SPEC}|${PHRASE}${ROUTE_ADDR})`;
const GROUP = `${PHRASE}:${LWSP}*(?:${MAILBOX}(?:,\\s*${MAILBOX})*)?;\\s*`;
const ADDRESS = `${LWSP}*(?:${MAILBOX}|${GROUP})`;

const VALID = new RegExp(`^${ADDRESS}$`, 's');
const VALID_LIST = new RegExp(`^(?:${ADDRESS})?(?:,(?:${ADDRESS})?)*$`, 's');
const LIST_ITEM = new RegExp(`(?:^|,${LWSP}*)(${ADDRESS})`, 'gs');
const LATIN1 = /^[\x00-\xff]*$/;
const MAX_ADDRESS_FIELD = 1000;

function stripComments(s: string): string {
  const re = /^((?:[^"\\]|\\.)*(?:"(?:[^"\\]|\\.)*"(?:[^"\\]|\\.)*)*)\((?:[^()\\]|\\.)*\)/s;
  for (let guard = 0; guard < 100; guard++) {
    const next = s.replace(re, '$1 ');
    if (next === s) break;
    s = next;
  }
  return s;
}

export function rfc822Valid(s: string): boolean {
  if (s.length > MAX_ADDRESS_FIELD) return false;
  const t = stripComments(s);
  return VALID.test(t) && LATIN1.test(t);
}

/** The addresses of a valid RFC 822 list, or null when the text is not one. */
export function rfc822ValidList(s: string): string[] | null {
  if (s.length > MAX_ADDRESS_FIELD) return null;
  const t = stripComments(s);
  if (!VALID_LIST.test(t) || !LATIN1.test(t)) return null;
  const out: string[] = [];
  for (const m of t.matchAll(LIST_ITEM)) out.push(m[1]);
  return out;
}
