import {
  articleIdParamsSchema,
  createArticleBodySchema,
  Patterns,
  publishBodySchema,
  scheduleBodySchema,
  staffCommentListQuerySchema,
  staffListQuerySchema,
  transliterateBodySchema,
  updateArticleBodySchema,
  versionBodySchema,
  type CreateArticleBody,
  type MessagePatternName,
  type Page,
  type RevisionSummary,
  type StaffArticle,
  type StaffComment,
  type StaffListQuery,
} from '@birgemiz/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentStaff, StaffOnly } from '../auth/roles.decorator';
import type { StaffPrincipal } from '../auth/staff-principal';
import { ServicesClient } from '../clients/services-client';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

const idParams = new ZodValidationPipe(articleIdParamsSchema, 'params');
const revisionParams = new ZodValidationPipe(
  z.object({ id: z.string().uuid(), version: z.coerce.number().int().positive().max(1_000_000) }).strict(),
  'params',
);
const commentParams = new ZodValidationPipe(z.object({ id: z.string().uuid() }).strict(), 'params');
const moderateBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
const expectedVersionBody = z.object({ expectedVersion: z.number().int().positive() }).strict();

function actor(staff: StaffPrincipal) {
  return { id: staff.id, role: staff.role };
}

/** Editors' and admins' news routes: drafts, publishing workflow, revisions, comment moderation. */
@ApiTags('news (staff)')
@Controller('news/staff')
@StaffOnly('admin', 'editor')
export class NewsStaffController {
  constructor(private readonly services: ServicesClient) {}

  @Get('articles')
  @ApiOperation({ summary: 'All articles with every translation and status, most recently changed first.' })
  list(@CurrentStaff() staff: StaffPrincipal, @Query(new ZodValidationPipe(staffListQuerySchema, 'query')) query: StaffListQuery): Promise<Page<StaffArticle>> {
    return this.services.request(Patterns.news.articlesStaffList, { actor: actor(staff), query });
  }

  @Post('articles')
  @ApiOperation({ summary: 'Create a draft with one or more translations (Markdown bodies; slugs made from titles when not given).' })
  @ApiBody({ schema: openApiSchema(createArticleBodySchema) })
  create(@CurrentStaff() staff: StaffPrincipal, @Body(new ZodValidationPipe(createArticleBodySchema, 'body')) body: CreateArticleBody): Promise<StaffArticle> {
    return this.services.request(Patterns.news.articlesCreate, { actor: actor(staff), body });
  }

  @Get('articles/:id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }): Promise<StaffArticle> {
    return this.services.request(Patterns.news.articlesStaffGet, { actor: actor(staff), articleId: params.id });
  }

  @Patch('articles/:id')
  @ApiOperation({ summary: 'Edit; `expectedVersion` must be the current version or the answer is 409.' })
  @ApiBody({ schema: openApiSchema(updateArticleBodySchema) })
  update(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(updateArticleBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesUpdate, staff, params.id, body);
  }

  @Post('articles/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish some locales (or all): each locale goes live on its own.' })
  @ApiBody({ schema: openApiSchema(publishBodySchema) })
  publish(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(publishBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesPublish, staff, params.id, body);
  }

  @Post('articles/:id/unpublish')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(publishBodySchema) })
  unpublish(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(publishBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesUnpublish, staff, params.id, body);
  }

  @Post('articles/:id/schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish at a given time (within about a second, exactly once).' })
  @ApiBody({ schema: openApiSchema(scheduleBodySchema) })
  schedule(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(scheduleBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesSchedule, staff, params.id, body);
  }

  @Post('articles/:id/archive')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(versionBodySchema) })
  archive(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(versionBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesArchive, staff, params.id, body);
  }

  @Post('articles/:id/transliterate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the kk-Latn translation from kk-Cyrl (or back), flagged machine-made until saved.' })
  @ApiBody({ schema: openApiSchema(transliterateBodySchema) })
  transliterate(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }, @Body(new ZodValidationPipe(transliterateBodySchema, 'body')) body: unknown) {
    return this.command(Patterns.news.articlesTransliterate, staff, params.id, body);
  }

  @Delete('articles/:id')
  @ApiOperation({ summary: 'Delete an article (announced to consumers if it was ever public).' })
  delete(
    @CurrentStaff() staff: StaffPrincipal,
    @Param(idParams) params: { id: string },
    @Query(new ZodValidationPipe(z.object({ expectedVersion: z.coerce.number().int().positive().optional() }).strict(), 'query')) query: { expectedVersion?: number },
  ) {
    return this.command(Patterns.news.articlesDelete, staff, params.id, query);
  }

  @Get('articles/:id/revisions')
  revisions(@CurrentStaff() staff: StaffPrincipal, @Param(idParams) params: { id: string }): Promise<RevisionSummary[]> {
    return this.services.request(Patterns.news.revisionsList, { actor: actor(staff), articleId: params.id });
  }

  @Post('articles/:id/revisions/:version/restore')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(expectedVersionBody) })
  restore(
    @CurrentStaff() staff: StaffPrincipal,
    @Param(revisionParams) params: { id: string; version: number },
    @Body(new ZodValidationPipe(expectedVersionBody, 'body')) body: { expectedVersion: number },
  ): Promise<StaffArticle> {
    return this.services.request(Patterns.news.revisionsRestore, {
      actor: actor(staff),
      articleId: params.id,
      version: params.version,
      expectedVersion: body.expectedVersion,
    });
  }

  @Get('comments')
  @ApiOperation({ summary: 'Comments by moderation status (pending by default).' })
  comments(@CurrentStaff() staff: StaffPrincipal, @Query(new ZodValidationPipe(staffCommentListQuerySchema, 'query')) query: unknown): Promise<Page<StaffComment>> {
    return this.services.request(Patterns.news.commentsStaffList, { actor: actor(staff), query });
  }

  @Post('comments/:id/approve')
  @HttpCode(200)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param(commentParams) params: { id: string }): Promise<StaffComment> {
    return this.services.request(Patterns.news.commentsModerate, { actor: actor(staff), commentId: params.id, decision: 'approve' });
  }

  @Post('comments/:id/reject')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(moderateBody) })
  reject(
    @CurrentStaff() staff: StaffPrincipal,
    @Param(commentParams) params: { id: string },
    @Body(new ZodValidationPipe(moderateBody, 'body')) body: z.infer<typeof moderateBody>,
  ): Promise<StaffComment> {
    return this.services.request(Patterns.news.commentsModerate, { actor: actor(staff), commentId: params.id, decision: 'reject', reason: body.reason });
  }

  @Post('replay')
  @HttpCode(200)
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Re-announce every published article on the article topic (admin).' })
  replay(@CurrentStaff() staff: StaffPrincipal): Promise<{ articles: number }> {
    return this.services.request(Patterns.news.articlesReplay, { actor: actor(staff) });
  }

  private command(pattern: MessagePatternName, staff: StaffPrincipal, articleId: string, body: unknown): Promise<StaffArticle> {
    return this.services.request(pattern, { actor: actor(staff), articleId, body });
  }
}
