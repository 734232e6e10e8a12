import type { CreateCommentBody, Page, PublicComment, StaffActor, StaffComment } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { neutraliseCommentText } from './comment-text';
import { CommentsRepository, type CommentRow } from './comments.repository';

/** Readers' comments: neutralised, held for moderation; the article counts approved ones. */
@Injectable()
export class CommentsService {
  private readonly logger = new Logger(CommentsService.name);

  constructor(private readonly comments: CommentsRepository) {}

  async create(articleId: string, body: CreateCommentBody): Promise<{ id: string; status: 'pending' }> {
    if (!(await this.comments.articleIsPublic(articleId))) throw new DomainError(ErrorCode.NotFound, 'article not found');
    const name = neutraliseCommentText(body.name).replace(/\s+/g, ' ');
    const text = neutraliseCommentText(body.text);
    if (!name || !text) {
      throw new DomainError(ErrorCode.ValidationFailed, 'nothing left after neutralising', {
        issues: [{ path: name ? 'body.text' : 'body.name', reason: 'too_small' }],
      });
    }
    const id = randomUUID();
    await this.comments.insert({ id, articleId, name, text, locale: body.locale ?? null });
    this.logger.log({ msg: 'comment awaiting moderation', commentId: id, articleId });
    return { id, status: 'pending' };
  }

  async listApproved(articleId: string, page: number, pageSize: number): Promise<Page<PublicComment>> {
    const [rows, total] = await this.comments.page({ articleId, status: 'approved' }, (page - 1) * pageSize, pageSize);
    return { items: rows.map(toPublic), page, pageSize, total };
  }

  async staffList(actor: StaffActor, status: 'pending' | 'approved' | 'rejected', page: number, pageSize: number): Promise<Page<StaffComment>> {
    requireModerator(actor);
    const [rows, total] = await this.comments.page({ status }, (page - 1) * pageSize, pageSize);
    return { items: rows.map(toStaff), page, pageSize, total };
  }

  async moderate(actor: StaffActor, commentId: string, decision: 'approve' | 'reject', reason?: string): Promise<StaffComment> {
    requireModerator(actor);
    return this.comments.transaction(async (tx) => {
      const comment = await this.comments.lock(tx, commentId);
      if (!comment) throw new DomainError(ErrorCode.NotFound, 'comment not found');
      const status = decision === 'approve' ? 'approved' : 'rejected';
      await this.comments.setStatus(tx, commentId, status, actor.id, reason ?? null);
      await this.comments.refreshCommentCount(tx, comment.article_id);
      return toStaff({ ...comment, status, moderated_by: actor.id, moderated_at: new Date() });
    });
  }
}

function requireModerator(actor: StaffActor): void {
  if (actor.role !== 'admin' && actor.role !== 'editor') throw new DomainError(ErrorCode.Forbidden, 'requires role admin or editor');
}

function toPublic(row: CommentRow): PublicComment {
  return { id: row.id, name: row.author_name, text: row.body, createdAt: row.created_at.toISOString() };
}

function toStaff(row: CommentRow): StaffComment {
  return {
    ...toPublic(row),
    articleId: row.article_id,
    status: row.status,
    moderatedBy: row.moderated_by,
    moderatedAt: row.moderated_at?.toISOString() ?? null,
  };
}
