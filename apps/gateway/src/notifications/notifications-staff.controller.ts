import {
  failedJobsQuerySchema,
  notificationJobIdSchema,
  NOTIFICATION_QUEUE_NAMES,
  Patterns,
  previewQuerySchema,
  staffAlertsBodySchema,
  type FailedJobsQuery,
  type FailedJobView,
  type NotificationMetrics,
  type NotificationPreview,
  type NotificationQueueName,
  type Page,
  type PreviewQuery,
  type StaffAlertsBody,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentStaff, StaffOnly } from '../auth/roles.decorator';
import type { StaffPrincipal } from '../auth/staff-principal';
import { ServicesClient } from '../clients/services-client';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

const queuePipe = new ZodValidationPipe(z.enum(NOTIFICATION_QUEUE_NAMES as [NotificationQueueName, ...NotificationQueueName[]]), 'params');
const jobIdPipe = {
  transform(value: unknown): string {
    const parsed = notificationJobIdSchema.safeParse(value);
    if (!parsed.success) throw new DomainError(ErrorCode.NotFound, 'no such job');
    return parsed.data;
  },
};

const actor = (staff: StaffPrincipal) => ({ id: staff.id, role: staff.role });

/** Staff side of notifications: template previews, failed jobs with a retry action, queue metrics, region alerts. */
@ApiTags('notifications (staff)')
@Controller('staff/notifications')
export class NotificationsStaffController {
  constructor(private readonly services: ServicesClient) {}

  @Get('preview')
  @StaffOnly('admin', 'editor', 'coordinator')
  @ApiOperation({ summary: 'Render a notification type in a locale with sample values (subject, HTML, text).' })
  preview(@Query(new ZodValidationPipe(previewQuerySchema, 'query')) query: PreviewQuery, @CurrentStaff() staff: StaffPrincipal): Promise<NotificationPreview> {
    return this.services.request(Patterns.volunteers.notificationsPreview, { actor: actor(staff), ...query });
  }

  @Get('failed')
  @StaffOnly('coordinator', 'admin')
  @ApiOperation({ summary: 'Failed notification jobs (kept after their last attempt), newest first per queue.' })
  failed(@Query(new ZodValidationPipe(failedJobsQuerySchema, 'query')) query: FailedJobsQuery, @CurrentStaff() staff: StaffPrincipal): Promise<Page<FailedJobView>> {
    return this.services.request(Patterns.volunteers.notificationsFailedList, { actor: actor(staff), query });
  }

  @Post('failed/:queue/:jobId/retry')
  @HttpCode(200)
  @StaffOnly('coordinator', 'admin')
  @ApiOperation({ summary: 'Run a failed job again (a message already delivered is not sent twice).' })
  retry(@Param('queue', queuePipe) queue: NotificationQueueName, @Param('jobId', jobIdPipe) jobId: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.services.request(Patterns.volunteers.notificationsFailedRetry, { actor: actor(staff), queue, jobId });
  }

  @Get('metrics')
  @StaffOnly('admin')
  @ApiOperation({ summary: 'Queue counts, messages sent and failed by type, enqueue-to-accepted latency.' })
  metrics(@CurrentStaff() staff: StaffPrincipal): Promise<NotificationMetrics> {
    return this.services.request(Patterns.volunteers.notificationsMetrics, { actor: actor(staff) });
  }

  @Put('alerts')
  @StaffOnly('coordinator', 'admin')
  @ApiOperation({ summary: 'The regions whose new applications the signed-in staff member is e-mailed about (empty: none).' })
  @ApiBody({ schema: openApiSchema(staffAlertsBodySchema) })
  alerts(@Body(new ZodValidationPipe(staffAlertsBodySchema, 'body')) body: StaffAlertsBody, @CurrentStaff() staff: StaffPrincipal): Promise<StaffAlertsBody> {
    return this.services.request(Patterns.volunteers.notificationsStaffAlerts, { actor: actor(staff), alerts: body });
  }
}
