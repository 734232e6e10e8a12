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
import { parseRequest } from '../common/parse-request';
import { VolunteersService } from './volunteers.service';

@Controller()
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @MessagePattern(Patterns.volunteers.volunteersList)
  list(@Payload() payload: unknown): Promise<Page<VolunteerProfile>> {
    const request = parseRequest(volunteerListRequestSchema, payload, 'query');
    return this.volunteers.list(request.actor, request.query);
  }

  @MessagePattern(Patterns.volunteers.volunteersGet)
  get(@Payload() payload: unknown): Promise<VolunteerWithHistory> {
    const request = parseRequest(volunteerGetRequestSchema, payload, 'params');
    return this.volunteers.get(request.actor, request.id);
  }

  @MessagePattern(Patterns.volunteers.volunteersUpdate)
  update(@Payload() payload: unknown): Promise<VolunteerProfile> {
    const request = parseRequest(volunteerUpdateRequestSchema, payload);
    return this.volunteers.setStatus(request.actor, request.id, request.changes.status);
  }
}
