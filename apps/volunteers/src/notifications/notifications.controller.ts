import {
  failedJobsRequestSchema,
  metricsRequestSchema,
  Patterns,
  previewRequestSchema,
  retryJobRequestSchema,
  staffAlertsRequestSchema,
  type FailedJobView,
  type NotificationMetrics,
  type NotificationPreview,
  type Page,
  type StaffAlertsBody,
} from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsAdminService } from './notifications-admin.service';

@Controller()
export class NotificationsController {
  constructor(private readonly admin: NotificationsAdminService) {}

  @MessagePattern(Patterns.volunteers.notificationsPreview)
  preview(@Payload() payload: unknown): NotificationPreview {
    const { actor, ...query } = parseRpc(previewRequestSchema, payload, 'query');
    return this.admin.preview(actor, query);
  }

  @MessagePattern(Patterns.volunteers.notificationsFailedList)
  failed(@Payload() payload: unknown): Promise<Page<FailedJobView>> {
    const request = parseRpc(failedJobsRequestSchema, payload, 'query');
    return this.admin.failed(request.actor, request.query);
  }

  @MessagePattern(Patterns.volunteers.notificationsFailedRetry)
  retry(@Payload() payload: unknown) {
    const request = parseRpc(retryJobRequestSchema, payload, 'params');
    return this.admin.retry(request.actor, request.queue, request.jobId);
  }

  @MessagePattern(Patterns.volunteers.notificationsMetrics)
  metrics(@Payload() payload: unknown): Promise<NotificationMetrics> {
    return this.admin.metrics(parseRpc(metricsRequestSchema, payload).actor);
  }

  @MessagePattern(Patterns.volunteers.notificationsStaffAlerts)
  staffAlerts(@Payload() payload: unknown): Promise<StaffAlertsBody> {
    const request = parseRpc(staffAlertsRequestSchema, payload);
    return this.admin.setStaffAlerts(request.actor, request.alerts);
  }
}
