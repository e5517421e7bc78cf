import { describe, expect, it } from 'vitest';
import { classifyText, globalModel } from './index.ts';

// Hand-written issues (not from any dataset) whose type any maintainer would agree on.
const OBVIOUS = [
  {
    type: 'bug',
    title: 'App crashes with a segmentation fault when opening large files',
    body: '### Describe the bug\nOpening a 2 GB file crashes the app.\n\n### Steps to reproduce\n1. Open the file\n2. See crash\n\n```\nSegmentation fault (core dumped)\n```\nExpected: the file opens. Actual: crash.',
  },
  {
    type: 'feature',
    title: 'Feature request: add an option to export reports as PDF',
    body: 'It would be great to have an option to export reports as PDF. Currently only CSV is supported. I would like to propose adding a new export format; this would help many users.',
  },
  {
    type: 'question',
    title: 'How do I configure the proxy settings?',
    body: 'Hi, I am new to this project and could not figure out how to configure a proxy. Is there a way to set it from the config file? Any help appreciated, thanks!',
  },
];

describe('globalModel (shipped)', () => {
  it('is a three-class model small enough to ship', () => {
    expect(globalModel.format).toBe('loupe-text-classifier');
    expect(globalModel.classes).toEqual(['bug', 'feature', 'question']);
    expect(JSON.stringify(globalModel).length).toBeLessThan(2 * 1024 * 1024);
  });

  it.each(OBVIOUS)('classifies an obvious $type report', ({ type, title, body }) => {
    const c = classifyText(globalModel, { title, body });
    expect(c.type).toBe(type);
    expect(c.probabilities[type]).toBeGreaterThan(0.5);
    expect(c.reasons.length).toBeGreaterThan(0);
  });
});
