// npm run bench:dupes            → retrieval latency (bench/dupes-latency.bench.ts)
// npm run bench:dupes -- --quality (or `npm run bench:dupes --quality`) → quality on ../shared/data/gitbugs
import { exitWithUsageOnHelp } from './bench-support.ts';

exitWithUsageOnHelp();
const quality = process.argv.includes('--quality') || process.env.npm_config_quality === 'true';
await import(quality ? './dupes-quality.bench.ts' : './dupes-latency.bench.ts');
