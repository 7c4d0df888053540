// The reviewer's own words in a reply: quoted lines, the attribution line before a quote, and the
// signature left out.
const MAX_SCAN = 5000;

function quoteFollows(lines: string[], from: number): boolean {
  for (let j = from; j < Math.min(lines.length, from + 3); j++) {
    if (lines[j].trim() !== '') return lines[j].startsWith('>');
  }
  return false;
}

export function ownLines(body: string, max: number): string[] {
  const lines = body.split('\n', MAX_SCAN).map((l) => l.replace(/\r$/, ''));
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const l = lines[i];
    if (l === '-- ') break;
    if (l.startsWith('>') || l.trim() === '') continue;
    // "On Mon, 11 Mar 2024, Mira wrote:" introduces the quote that follows it.
    if (/wrote:\s*$/.test(l) && quoteFollows(lines, i + 1)) continue;
    out.push(l);
  }
  return out;
}
