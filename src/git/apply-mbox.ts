// The am-ready mbox that `lorescope apply` hands to git am, split back into its messages so that a
// failure reported by position ("Patch failed at 0003") names the patch and its hunk.
import { MBOX_SEPARATOR } from '../am/message.js';

export interface AmEntry {
  /** 1-based position in the mbox: git am's patch number. */
  position: number;
  subject: string;
  msgid: string | null;
  text: string;
}

function header(head: string, name: string): string | null {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1].replace(/\n[ \t]+/g, ' ').trim() : null;
}

export function splitAmMbox(mbox: string): AmEntry[] {
  // Body lines starting with "From " are written as ">From ", so the separator cannot occur inside.
  const parts = mbox.split(MBOX_SEPARATOR).filter((p) => p.length);
  return parts.map((text, i) => {
    const end = text.indexOf('\n\n');
    const head = end < 0 ? text : text.slice(0, end);
    const id = header(head, 'Message-Id');
    return { position: i + 1, subject: header(head, 'Subject') ?? '(no subject)', msgid: id ? id.replace(/^<|>$/g, '') : null, text };
  });
}

/** The `@@ … @@` header of the hunk of FILE that starts at old line LINE, in one patch mail. */
export function hunkAt(patch: string, file: string, line: number): string | null {
  let inFile = false;
  for (const l of patch.split('\n')) {
    if (l.startsWith('diff --git ')) {
      inFile = l === `diff --git a/${file} b/${file}` || l.endsWith(` b/${file}`);
      continue;
    }
    if (!inFile || !l.startsWith('@@ -')) continue;
    const m = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(l);
    if (m && Number(m[1]) === line) return l.slice(0, 160);
  }
  return null;
}

/** Files that change how git itself behaves in the tree (attributes, submodules, LFS config). */
const GIT_CONTROL = /(^|\/)(\.gitattributes|\.gitmodules|\.lfsconfig)$/;

/** Paths the series touches that steer git, in order of first appearance. */
export function gitControlFiles(mbox: string): string[] {
  const out: string[] = [];
  for (const m of mbox.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)) {
    for (const p of [m[1], m[2]]) if (GIT_CONTROL.test(p) && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Files each patch creates (`new file mode`), with the patch's position. */
export function createdFiles(entries: AmEntry[]): { position: number; path: string }[] {
  const out: { position: number; path: string }[] = [];
  for (const e of entries) {
    let current: string | null = null;
    for (const l of e.text.split('\n')) {
      const d = /^diff --git a\/\S+ b\/(\S+)$/.exec(l);
      if (d) current = d[1];
      else if (current && l.startsWith('new file mode ')) out.push({ position: e.position, path: current });
      else if (l.startsWith('@@ ')) current = null;
    }
  }
  return out;
}
