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
  })
  .meta({ id: 'Workspace' });
