// Recognising a thread argument: a bare Message-ID (`<…>`, `id:…`) or a lore/public-inbox URL.
//
// Where the thread is fetched from (the rule documented in README, "Fetching threads"):
// - a URL that names a list (`https://lore.kernel.org/LIST/MSGID/…`) is fetched from that list:
//   `https://lore.kernel.org/LIST/MSGID/t.mbox.gz`, whatever the configured base;
// - a bare Message-ID, or a URL without a list (`/r/MSGID`, `https://host/MSGID`), is fetched from the
//   configured base: a base whose path is `/` names a public-inbox host and gets `all/` added
//   (`https://lore.kernel.org/` → `…/all/MSGID/t.mbox.gz`); a base with a path already names an inbox
//   (`http://127.0.0.1:8080/test/` → `…/test/MSGID/t.mbox.gz`).

export interface ThreadRef {
  msgid: string;
  /** Inbox URL ending in `/` when the argument named one (a list URL); else the base decides. */
  inboxUrl: string | null;
}

const MAX_MSGID = 512;

/**
 * Printable, no white space, no angle brackets: what can travel in a URL path and a cache key. Only
 * dots would be a `.`/`..` path segment (even escaped), which climbs out of the inbox.
 */
export function isPlausibleMsgid(id: string): boolean {
  if (id.length === 0 || id.length > MAX_MSGID || /^\.+$/.test(id)) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0x3c || c === 0x3e) return false;
  }
  return true;
}

function fromUrl(arg: string): ThreadRef | null {
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  for (let i = 0; i < segments.length; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segments[i]);
    } catch {
      return null;
    }
    if (!decoded.includes('@')) continue;
    const id = stripBrackets(decoded);
    if (!isPlausibleMsgid(id)) return null;
    const prefix = segments.slice(0, i);
    // lore's `/r/MSGID` redirector and bare `host/MSGID` links name no list.
    const noList = prefix.length === 0 || (prefix.length === 1 && prefix[0] === 'r');
    return { msgid: id, inboxUrl: noList ? null : `${url.origin}/${prefix.join('/')}/` };
  }
  return null;
}

function stripBrackets(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1) : s;
}

/**
 * A thread reference, or null when the argument is neither. A bare id must contain `@` and no `/`
 * (so a mistyped path is not taken for a Message-ID); `<…>` and `id:…` forms are taken as written.
 */
export function parseThreadRef(arg: string): ThreadRef | null {
  const a = arg.trim();
  if (/^https?:\/\//i.test(a)) return fromUrl(a);
  if (a.startsWith('id:')) {
    const id = stripBrackets(a.slice(3));
    return isPlausibleMsgid(id) ? { msgid: id, inboxUrl: null } : null;
  }
  if (a.startsWith('<') && a.endsWith('>')) {
    const id = a.slice(1, -1);
    return isPlausibleMsgid(id) ? { msgid: id, inboxUrl: null } : null;
  }
  if (a.includes('@') && !a.includes('/') && isPlausibleMsgid(a)) return { msgid: a, inboxUrl: null };
  return null;
}

/** The inbox a reference is fetched from, always ending in `/`. */
export function inboxUrlFor(ref: ThreadRef, base: string): string {
  if (ref.inboxUrl) return ref.inboxUrl;
  const u = new URL(base);
  const path = u.pathname.endsWith('/') ? u.pathname : u.pathname + '/';
  return `${u.origin}${path === '/' ? '/all/' : path}`;
}

/** Path-escape a Message-ID the way public-inbox writes its links (`/` and `%` escaped, `@` kept). */
export function escapeMsgid(id: string): string {
  return encodeURIComponent(id).replace(/%40/g, '@');
}

export function threadMboxUrl(ref: ThreadRef, base: string): string {
  return `${inboxUrlFor(ref, base)}${escapeMsgid(ref.msgid)}/t.mbox.gz`;
}

/** Validate a configured base URL; the error names where it came from. */
export function checkBaseUrl(base: string, from: string): string | null {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    return `${from}: not a URL: ${base}`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `${from}: only http and https URLs are supported: ${base}`;
  return null;
}
