/**
 * Why a classification came out as it did: the input features that pushed hardest toward the
 * predicted class, in readable form ("title word "crash"", "heading "steps to reproduce"").
 */
import type { SparseVector } from './tfidf.ts';

/** One input feature and its contribution to the predicted class's score margin. */
export interface Reason {
  feature: string;
  weight: number;
}

/** A linear component of the model: its input vector, bucket-major weights and multiplier. */
export interface ScoredComponent {
  x: SparseVector;
  weights: Float64Array;
  mix: number;
}

const PREFIXES: [string, string][] = [
  ['tb:', 'title bigram'],
  ['t:', 'title word'],
  ['b:', 'bigram'],
  ['w:', 'word'],
  ['h:', 'heading'],
  ['c:', 'char-gram'],
  ['x:', 'marker'],
];

/** Readable stand-ins for the marker tokens issue-text.preprocess.ts puts into the text. */
const MARKERS: Record<string, string> = {
  xxq: '?',
  xxtitleq: '<question-shaped title>',
  xxtrace: '<stack trace>',
  xxcode: '<code block>',
  xximage: '<image>',
  xxurl: '<link>',
  xxver: '<version>',
  xxnum: '<number>',
  xxpath: '<file path>',
  xxcheck: '<checkbox>',
};

function describeToken(token: string): string {
  if (token.startsWith('xxhost_')) return `<link to ${token.slice(7)}>`;
  return MARKERS[token] ?? token;
}

/** "t:crash" -> 'title word "crash"'; "b:xxq thanks" -> 'bigram "? thanks"'. */
function describeFeature(name: string): string {
  for (const [p, label] of PREFIXES) {
    if (!name.startsWith(p)) continue;
    const value = name.slice(p.length);
    return `${label} "${p === 'c:' || p === 'h:' ? value : value.split(' ').map(describeToken).join(' ')}"`;
  }
  return name;
}

/**
 * The 5 buckets contributing most to class `c` over the class average, summed over the model's
 * components (weight = mix · value · (w_c − mean_c' w_c')), largest first.
 */
export function topReasons(
  components: ScoredComponent[],
  shape: { k: number; c: number },
  names: Map<number, string>,
): Reason[] {
  const { k, c } = shape;
  const byBucket = new Map<number, number>();
  for (const { x, weights, mix } of components) {
    for (let j = 0; j < x.indices.length; j++) {
      const idx = x.indices[j] as number;
      const base = idx * k;
      let mean = 0;
      for (let o = 0; o < k; o++) mean += weights[base + o] as number;
      const w = mix * (x.values[j] as number) * ((weights[base + c] as number) - mean / k);
      byBucket.set(idx, (byBucket.get(idx) ?? 0) + w);
    }
  }
  return [...byBucket]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 5)
    .map(([idx, w]) => ({
      feature: describeFeature(names.get(idx) ?? `bucket ${idx}`),
      weight: Number(w.toFixed(4)),
    }));
}
