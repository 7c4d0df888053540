// git-style `--stat` lines, laid out the way git's show_stats() does: names and the +/- graph
// share a fixed width (72 columns in format-patch mails, 80 in `git diff --stat`), long names are
// cut from the left to "...", and the graph is scaled to the largest change.
import { statName, summaryLines } from './stat-names.js';
import type { DiffStat, FileDiff } from './types.js';

/** The width git format-patch uses for the diffstat in a mail. */
export const MAIL_STAT_WIDTH = 72;

export interface StatOptions {
  /** Total line width; 72 as in format-patch mails. */
  width?: number;
}

function decimalWidth(n: number): number {
  return String(n).length;
}

function scaleLinear(it: number, width: number, maxChange: number): number {
  // At least one column for any change: scale as if one column shorter, then add it back.
  return it === 0 ? 0 : 1 + Math.floor((it * (width - 1)) / maxChange);
}

interface Row {
  name: string;
  file: FileDiff;
}

export function diffstat(files: FileDiff[], options: StatOptions = {}): DiffStat {
  const rows: Row[] = files.map((file) => ({ name: statName(file), file }));
  let maxLen = 0;
  let maxChange = 0;
  let binWidth = 0;
  let numberWidth = 0;
  let additions = 0;
  let deletions = 0;
  for (const { name, file } of rows) {
    maxLen = Math.max(maxLen, name.length);
    additions += file.additions;
    deletions += file.deletions;
    if (file.binary) {
      const size = file.binarySize;
      const w = 14 + decimalWidth(size?.new ?? 0) + decimalWidth(size?.old ?? 0);
      binWidth = Math.max(binWidth, w);
      numberWidth = 3;
    } else {
      maxChange = Math.max(maxChange, file.additions + file.deletions);
    }
  }
  numberWidth = Math.max(numberWidth, decimalWidth(maxChange));
  let width = options.width ?? MAIL_STAT_WIDTH;
  width = Math.max(width, 16 + 6 + numberWidth);

  let graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4;
  let nameWidth = maxLen;
  if (nameWidth + numberWidth + 6 + graphWidth > width) {
    const graphRoom = Math.floor((width * 3) / 8) - numberWidth - 6;
    if (graphWidth > graphRoom) graphWidth = Math.max(6, graphRoom);
    if (nameWidth > width - numberWidth - 6 - graphWidth) {
      nameWidth = width - numberWidth - 6 - graphWidth;
    } else {
      graphWidth = width - numberWidth - 6 - nameWidth;
    }
  }

  const lines = rows.map(({ name, file }) =>
    statLine(name, file, { nameWidth, numberWidth, graphWidth, maxChange }),
  );
  return {
    files: files.length,
    additions,
    deletions,
    lines,
    summary: files.flatMap(summaryLines),
  };
}

interface Layout {
  nameWidth: number;
  numberWidth: number;
  graphWidth: number;
  maxChange: number;
}

function fitName(name: string, width: number): string {
  if (name.length <= width) return name.padEnd(width);
  // Keep the tail, from a '/' when there is one, behind "...".
  let tail = name.slice(name.length - Math.max(0, width - 3));
  const slash = tail.indexOf('/');
  if (slash >= 0) tail = tail.slice(slash);
  return ('...' + tail).padEnd(width);
}

function statLine(name: string, file: FileDiff, layout: Layout): string {
  const label = fitName(name, layout.nameWidth);
  if (file.binary) {
    const bin = 'Bin'.padStart(layout.numberWidth);
    const size = file.binarySize;
    if (!size || size.old === null || size.new === null || (size.old === 0 && size.new === 0)) {
      return ` ${label} | ${bin}`;
    }
    return ` ${label} | ${bin} ${size.old} -> ${size.new} bytes`;
  }
  let add = file.additions;
  let del = file.deletions;
  const total = add + del;
  if (layout.graphWidth <= layout.maxChange) {
    let scaled = scaleLinear(total, layout.graphWidth, layout.maxChange);
    if (scaled < 2 && add > 0 && del > 0) scaled = 2;
    if (add < del) {
      add = scaleLinear(add, layout.graphWidth, layout.maxChange);
      del = scaled - add;
    } else {
      del = scaleLinear(del, layout.graphWidth, layout.maxChange);
      add = scaled - del;
    }
  }
  const count = String(total).padStart(layout.numberWidth);
  return ` ${label} | ${count}${total > 0 ? ' ' : ''}${'+'.repeat(add)}${'-'.repeat(del)}`;
}

/** git's closing line: " 2 files changed, 3 insertions(+), 1 deletion(-)". */
export function statTotalLine(stat: DiffStat): string {
  if (stat.files === 0) return ' 0 files changed';
  let out = ` ${stat.files} file${stat.files === 1 ? '' : 's'} changed`;
  if (stat.additions > 0 || stat.deletions === 0) {
    out += `, ${stat.additions} insertion${stat.additions === 1 ? '' : 's'}(+)`;
  }
  if (stat.deletions > 0 || stat.additions === 0) {
    out += `, ${stat.deletions} deletion${stat.deletions === 1 ? '' : 's'}(-)`;
  }
  return out;
}

/** The whole block as format-patch writes it under `---`. */
export function formatDiffstat(stat: DiffStat): string {
  return [...stat.lines, statTotalLine(stat), ...(stat.summary ?? [])].join('\n') + '\n';
}
