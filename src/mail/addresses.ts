// Address lists from header values, names decoded, addresses lower-cased only for comparison.
import addressparser from 'nodemailer/lib/addressparser/index.js';
import type { Address } from '../model/mail.js';
import { decodeWords, fixRaw8bit } from './headers.js';

const MAX_ADDRESS_HEADER = 64 * 1024;

interface Parsed {
  name?: string;
  address?: string;
  group?: Parsed[];
}

function flatten(list: Parsed[], out: Address[]): Address[] {
  for (const a of list) {
    if (a.group) flatten(a.group, out);
    else if (a.address || a.name) out.push({ name: decodeWords(fixRaw8bit(a.name ?? '')).trim(), email: (a.address ?? '').trim() });
  }
  return out;
}

// `Name <addr>`, `"Name" <addr>` or a bare `addr`: how nearly every From: is written. Anything with
// comments, groups, escapes, control characters or several addresses goes through the full parser.
const SIMPLE = /^\s*(?:"([^"\\@\x00-\x1f\x7f]*)"|([^"<>,;:()\\@\x00-\x1f\x7f]*?))\s*<([^<>\s@,;:()"\x00-\x1f\x7f]+@[^<>\s,;:()"\x00-\x1f\x7f]+)>\s*$/;
const BARE = /^\s*([^<>\s@,;:()"\x00-\x1f\x7f]+@[^<>\s,;:()"\x00-\x1f\x7f]+)\s*$/;

export function parseAddresses(value: string | undefined): Address[] {
  if (!value) return [];
  // Bounded: the two blank-matching runs could otherwise cost quadratic time on a hostile header.
  if (value.length < 300) {
    const m = SIMPLE.exec(value);
    if (m) return [{ name: decodeWords(fixRaw8bit(m[1] ?? m[2] ?? '')).trim(), email: m[3] }];
    const b = BARE.exec(value);
    if (b) return [{ name: '', email: b[1] }];
  }
  try {
    return flatten(addressparser(value.slice(0, MAX_ADDRESS_HEADER)) as Parsed[], []);
  } catch {
    return [];
  }
}

export function formatAddress(a: Address): string {
  if (!a.name) return a.email;
  const needsQuote = /[",.:;<>@()[\]\\]/.test(a.name);
  const name = needsQuote ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name;
  return a.email ? `${name} <${a.email}>` : name;
}

export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
