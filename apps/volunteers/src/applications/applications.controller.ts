import { parseRpc } from '@birgemiz/messaging';
import {
  applicationGetRequestSchema,
  applicationListRequestSchema,
  applicationScreenRequestSchema,
  applicationSubmitRequestSchema,
  applicationTokenRequestSchema,
  applicationWithdrawRequestSchema,
  Patterns,
  type ApplicationDetail,
  type ApplicationReceipt,
  type ApplicationStatusView,
  type ApplicationSummary,
  type Page,
} from '@birgemiz/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApplicationsService } from './applications.service';

@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @MessagePattern(Patterns.volunteers.applicationsSubmit)
  submit(@Payload() payload: unknown): Promise<ApplicationReceipt> {
    return this.applications.submit(parseRpc(applicationSubmitRequestSchema, payload));
  }

  @MessagePattern(Patterns.volunteers.applicationsStatus)
  status(@Payload() payload: unknown): Promise<ApplicationStatusView> {
    return this.applications.status(parseRpc(applicationTokenRequestSchema, payload, 'params').token);
  }

  @MessagePattern(Patterns.volunteers.applicationsWithdraw)
  withdraw(@Payload() payload: unknown): Promise<ApplicationStatusView> {
    const request = parseRpc(applicationWithdrawRequestSchema, payload);
    return this.applications.withdraw(request.token, request.reason);
  }

  @MessagePattern(Patterns.volunteers.applicationsList)
  list(@Payload() payload: unknown): Promise<Page<ApplicationSummary>> {
    const request = parseRpc(applicationListRequestSchema, payload, 'query');
    return this.applications.list(request.actor, request.query);
  }

  @MessagePattern(Patterns.volunteers.applicationsGet)
  get(@Payload() payload: unknown): Promise<ApplicationDetail> {
    const request = parseRpc(applicationGetRequestSchema, payload, 'params');
    return this.applications.get(request.actor, request.id);
  }

  @MessagePattern(Patterns.volunteers.applicationsScreen)
  screen(@Payload() payload: unknown): Promise<ApplicationDetail> {
    const request = parseRpc(applicationScreenRequestSchema, payload);
    return this.applications.screen(request.actor, request.id, request.action, request.reason);
  }
}
