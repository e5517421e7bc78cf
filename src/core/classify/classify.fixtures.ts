/**
 * Small synthetic issue sets for the classifier's tests (hand-written phrases, not from any
 * dataset), generated deterministically from a seed.
 */
import type { LabelledText } from './text-classifier.ts';
import { seededRandom } from '../learn/seeded-random.ts';

const PHRASES: Record<string, { titles: string[]; bodies: string[] }> = {
  bug: {
    titles: [
      'App crashes when opening settings',
      'TypeError thrown on save',
      'Regression: export fails after upgrade',
      'Segfault on startup',
    ],
    bodies: [
      'Steps to reproduce: open the app and click save. Expected it to work, actual: crash with exception.',
      'The build fails with an error and a stack trace.',
      '### Describe the bug\nIt throws an error every time.',
    ],
  },
  feature: {
    titles: [
      'Add support for dark mode',
      'Feature request: export to CSV',
      'Allow configuring the timeout',
      'Proposal: plugin API',
    ],
    bodies: [
      'It would be nice to have an option for this. I would like to propose a new setting.',
      'Please add support for this use case; the new feature would help many users.',
      '### Is your feature request related to a problem\nI wish there was a way to do this.',
    ],
  },
  question: {
    titles: [
      'How do I configure the proxy?',
      'Is it possible to run this offline?',
      'What is the recommended way to deploy?',
      'How to use the CLI with Docker?',
    ],
    bodies: [
      'I am new to this and wondering how to set it up. Any help appreciated, thanks!',
      'Could someone explain what this option does? I could not find it in the docs.',
      'Is there a way to do this? What am I missing?',
    ],
  },
};

/** `perClass` synthetic issues for each of `classes` (bug, feature, question by default). */
export function syntheticIssues(perClass: number, seed = 1, classes = Object.keys(PHRASES)): LabelledText[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: LabelledText[] = [];
  for (let n = 0; n < perClass; n++) {
    for (const label of classes) {
      const p = PHRASES[label];
      if (!p) throw new Error(`no phrases for ${label}`);
      out.push({
        label,
        text: { title: pick(p.titles), body: `${pick(p.bodies)}\n\n${pick(p.bodies)} (#${n})` },
      });
    }
  }
  return out;
}

/**
 * Two kinds of sentence for word-vector tests: "crash" and "segfault" share every context, "dark"
 * and "theme" another.
 */
export const TWO_CONTEXT_TEXTS = Array.from({ length: 60 }, (_, n) => {
  const failure = n % 2 === 0 ? 'crash' : 'segfault';
  const wish = n % 3 === 0 ? 'dark' : 'theme';
  return n % 4 < 2
    ? { title: `app ${failure} on startup`, body: `the app ${failure} when opening the editor window` }
    : { title: `please add a ${wish} mode`, body: `it would be nice to add a ${wish} mode option` };
});
