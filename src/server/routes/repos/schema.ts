import { z } from 'zod';
import { REPO_FULL_NAME } from '../../../core/errors.ts';

export const addRepoBodySchema = z.object({
  fullName: z.string({ message: 'fullName is required, e.g. {"fullName":"octocat/hello-world"}' })
    .trim()
    .regex(REPO_FULL_NAME, 'fullName must be owner/name, e.g. octocat/hello-world'),
});

export const repoIdParamsSchema = z.object({
  id: z.coerce.number({ message: 'id must be a number' }).int().positive('id must be a positive integer'),
});
