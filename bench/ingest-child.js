// Runs the core pipeline on one file in its own process so its peak RSS is its own.
import { loadSources } from '../dist/pipeline/load.js';

const file = process.argv[2];
const t0 = process.hrtime.bigint();
const { model } = await loadSources([file]);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ ms, messages: model.messages, series: model.series.length, comments: model.comments, maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
