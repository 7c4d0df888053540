// The API token: read from the environment, and kept out of every line lorescope writes.

/** `GITHUB_TOKEN`, else `GH_TOKEN` (what the gh CLI uses); null when neither is set. */
export function githubToken(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN']) {
    const v = env[name]?.trim();
    if (v) return v;
  }
  return null;
}

/**
 * Replace the token (and its base64 form, as in a Basic auth header) by `***`. Errors carry text a
 * server sent back; a server or proxy that echoes the request must not put the token on a CI log.
 */
export function scrub(text: string, token: string | null): string {
  if (!token || token.length < 4) return text;
  let out = text.split(token).join('***');
  const b64 = Buffer.from(token).toString('base64').replace(/=+$/, '');
  if (b64.length >= 8) out = out.split(b64).join('***');
  return out;
}
