import { Patterns, staffCreateRequestSchema, staffListRequestSchema, type Page, type StaffIdentity } from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { StaffService } from './staff.service';

@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @MessagePattern(Patterns.volunteers.staffList)
  list(@Payload() payload: unknown): Promise<Page<StaffIdentity>> {
    const request = parseRpc(staffListRequestSchema, payload);
    return this.staff.list(request.actor, request.page, request.pageSize);
  }

  @MessagePattern(Patterns.volunteers.staffCreate)
  create(@Payload() payload: unknown): Promise<StaffIdentity> {
    const request = parseRpc(staffCreateRequestSchema, payload);
    return this.staff.create(request.actor, request.account);
  }
}
