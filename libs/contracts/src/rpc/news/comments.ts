import { z } from 'zod';
import { staffActorSchema } from '../auth';
import { LIMITS, localeSchema } from './article-input';

export const createCommentBodySchema = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.commentName),
    text: z.string().trim().min(1).max(LIMITS.commentText),
    locale: localeSchema.optional(),
  })
  .strict();
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

export const createCommentRequestSchema = z
  .object({ articleId: z.string().uuid(), comment: createCommentBodySchema, clientKey: z.string().max(100) })
  .strict();

export const moderateCommentRequestSchema = z
  .object({
    actor: staffActorSchema,
    commentId: z.string().uuid(),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const commentListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const staffCommentListQuerySchema = commentListQuerySchema.extend({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
});

export interface PublicComment {
  id: string;
  name: string;
  text: string;
  createdAt: string;
}

export interface StaffComment extends PublicComment {
  articleId: string;
  status: 'pending' | 'approved' | 'rejected';
  moderatedBy: string | null;
  moderatedAt: string | null;
}
