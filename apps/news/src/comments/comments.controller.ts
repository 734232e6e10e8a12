import {
  commentListQuerySchema,
  createCommentRequestSchema,
  moderateCommentRequestSchema,
  Patterns,
  staffActorSchema,
  staffCommentListQuerySchema,
} from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { CommentsService } from './comments.service';

@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @MessagePattern(Patterns.news.commentsCreate)
  create(@Payload() payload: unknown) {
    const request = parseRpc(createCommentRequestSchema, payload);
    return this.comments.create(request.articleId, request.comment);
  }

  @MessagePattern(Patterns.news.commentsList)
  list(@Payload() payload: unknown) {
    const { articleId, query } = parseRpc(z.object({ articleId: z.string().uuid(), query: commentListQuerySchema }).strict(), payload, 'query');
    return this.comments.listApproved(articleId, query.page, query.pageSize);
  }

  @MessagePattern(Patterns.news.commentsStaffList)
  staffList(@Payload() payload: unknown) {
    const { actor, query } = parseRpc(z.object({ actor: staffActorSchema, query: staffCommentListQuerySchema }).strict(), payload, 'query');
    return this.comments.staffList(actor, query.status, query.page, query.pageSize);
  }

  @MessagePattern(Patterns.news.commentsModerate)
  moderate(@Payload() payload: unknown) {
    const request = parseRpc(moderateCommentRequestSchema, payload);
    return this.comments.moderate(request.actor, request.commentId, request.decision, request.reason);
  }
}
