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

export function parseAddresses(value: string | undefined): Address[] {
  if (!value) return [];
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
