import { parseRpc } from '@birgemiz/messaging';
import {
  Patterns,
  volunteerGetRequestSchema,
  volunteerListRequestSchema,
  volunteerUpdateRequestSchema,
  type Page,
  type VolunteerProfile,
  type VolunteerWithHistory,
} from '@birgemiz/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { VolunteersService } from './volunteers.service';

@Controller()
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @MessagePattern(Patterns.volunteers.volunteersList)
  list(@Payload() payload: unknown): Promise<Page<VolunteerProfile>> {
    const request = parseRpc(volunteerListRequestSchema, payload, 'query');
    return this.volunteers.list(request.actor, request.query);
  }

  @MessagePattern(Patterns.volunteers.volunteersGet)
  get(@Payload() payload: unknown): Promise<VolunteerWithHistory> {
    const request = parseRpc(volunteerGetRequestSchema, payload, 'params');
    return this.volunteers.get(request.actor, request.id);
  }

  @MessagePattern(Patterns.volunteers.volunteersUpdate)
  update(@Payload() payload: unknown): Promise<VolunteerProfile> {
    const request = parseRpc(volunteerUpdateRequestSchema, payload);
    return this.volunteers.setStatus(request.actor, request.id, request.changes.status);
  }
}
