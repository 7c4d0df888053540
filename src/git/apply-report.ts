// What git am said when it stopped, turned into data: per file the line, the reason and the hunk.
// git's messages quote paths from the patch: they are untrusted and sanitised for display.
import { sanitizeLine } from '../util/sanitize.js';

export interface FailedFile {
  file: string;
  /** Old-side line of the hunk that failed (`error: patch failed: FILE:LINE`), when git names one. */
  line: number | null;
  reason: string;
  /** The failed hunk's `@@` header, found in the patch mail. */
  hunk: string | null;
}

export interface AmFailure {
  files: FailedFile[];
  /** git's own error and conflict lines, sanitised, in order. */
  messages: string[];
}

const MAX_MESSAGES = 40;

export function parseAmFailure(stdout: string, stderr: string): AmFailure {
  const files = new Map<string, FailedFile>();
  const file = (name: string): FailedFile => {
    const f = sanitizeLine(name).slice(0, 300);
    let r = files.get(f);
    if (!r) files.set(f, (r = { file: f, line: null, reason: '', hunk: null }));
    return r;
  };
  const messages: string[] = [];
  for (const raw of `${stdout}\n${stderr}`.split('\n')) {
    const l = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^error: patch failed: (.+):(\d+)$/.exec(l))) {
      file(m[1]).line = Number(m[2]);
    } else if ((m = /^error: (.+): (patch does not apply|does not exist in index|already exists in index|already exists in working directory|does not match index|No such file or directory|wrong type)$/.exec(l))) {
      const f = file(m[1]);
      f.reason ||= m[2];
    } else if ((m = /^CONFLICT \(([^)]+)\): Merge conflict in (.+)$/.exec(l))) {
      file(m[2]).reason = `merge conflict (${m[1]})`;
    } else if ((m = /^error: sha1 information is lacking or useless \((.+)\)\.$/.exec(l))) {
      file(m[1]).reason ||= 'no usable blob ids for a three-way merge (the base is not in this tree)';
    } else if (!/^(error|CONFLICT|fatal)\b/.test(l) || /^error: Failed to merge in the changes\.$/.test(l)) {
      continue;
    }
    if (messages.length < MAX_MESSAGES) messages.push(sanitizeLine(l).slice(0, 300));
  }
  for (const f of files.values()) if (!f.reason) f.reason = 'patch does not apply';
  return { files: [...files.values()], messages };
}
