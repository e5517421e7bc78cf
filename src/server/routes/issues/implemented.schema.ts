import { z } from 'zod';

/** One piece of evidence behind an "already implemented?" verdict (core/detect/detect.types.ts Evidence). */
export const implementedEvidenceSchema = z
  .object({
    kind: z.enum([
      'closing-reference',
      'mention',
      'pull-request',
      'commit-change',
      'test',
      'docs',
      'symbol',
      'existing-code',
      'commit-message',
    ]),
    weight: z
      .number()
      .describe('Contribution to the log-odds of "implemented" (0: context shown without weight)'),
    timing: z
      .enum(['after-issue', 'before-issue'])
      .describe('Whether it appeared after the issue was opened'),
    summary: z.string(),
    commit: z.string().nullable(),
    path: z.string().nullable(),
    pullRequest: z.number().int().nullable(),
    terms: z.array(z.string()).describe("The issue's terms it matched"),
  })
  .meta({ id: 'ImplementedEvidence' });

/** The detector's verdict for an issue at its repository clone's head (`loupe repo clone`). */
export const implementedVerdictSchema = z
  .object({
    confidence: z.number().min(0).max(1),
    threshold: z.number(),
    implemented: z.boolean().describe('confidence >= threshold'),
    status: z
      .enum(['implemented-after-issue', 'existed-before-issue', 'not-found'])
      .describe(
        "'implemented-after-issue': the evidence came after the issue was opened; 'existed-before-issue': what matches is older than the issue",
      ),
    commit: z.string().describe('Full sha of the commit the issue was judged at'),
    detectedAt: z.string(),
    evidence: z.array(implementedEvidenceSchema).describe('Strongest first (at most 20)'),
    evidenceCount: z.number().int().describe('All the evidence found, including what is not listed'),
  })
  .meta({ id: 'ImplementedVerdict' });
