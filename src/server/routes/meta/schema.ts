import { z } from 'zod';

export const healthResponseSchemas = {
  200: z.object({ status: z.literal('ok'), engine: z.string(), version: z.string() }),
  503: z.object({ status: z.literal('unavailable'), engine: z.string(), error: z.string() }),
};

export const workspaceResponseSchema = z
  .object({
    demo: z.boolean(),
    githubApiUrl: z.string(),
    version: z.string(),
    mode: z
      .enum(['local', 'github'])
      .describe('local: one local user, no sign-in; github: server mode, sign in with GitHub'),
    signInUrl: z.string().nullable().describe('Where the UI sends people to sign in (server mode)'),
  })
  .meta({ id: 'Workspace' });
