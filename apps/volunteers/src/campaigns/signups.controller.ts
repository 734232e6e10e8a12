import {
  attendanceRequestSchema,
  Patterns,
  selfSignupRequestSchema,
  signupListRequestSchema,
  staffSignupRequestSchema,
  type SignupView,
} from '@birgemiz/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseRequest } from '../common/parse-request';
import { SignupsService } from './signups.service';

@Controller()
export class SignupsController {
  constructor(private readonly signups: SignupsService) {}

  @MessagePattern(Patterns.volunteers.signupsSelfCreate)
  signUpSelf(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRequest(selfSignupRequestSchema, payload);
    return this.signups.signUpSelf(request.token, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.signupsSelfCancel)
  cancelSelf(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRequest(selfSignupRequestSchema, payload, 'params');
    return this.signups.cancelSelf(request.token, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.signupsAssign)
  assign(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRequest(staffSignupRequestSchema, payload);
    return this.signups.assign(request.actor, request.campaignId, request.volunteerId);
  }

  @MessagePattern(Patterns.volunteers.signupsUnassign)
  unassign(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRequest(staffSignupRequestSchema, payload, 'params');
    return this.signups.unassign(request.actor, request.campaignId, request.volunteerId);
  }

  @MessagePattern(Patterns.volunteers.signupsList)
  list(@Payload() payload: unknown): Promise<SignupView[]> {
    const request = parseRequest(signupListRequestSchema, payload, 'params');
    return this.signups.list(request.actor, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.attendanceRecord)
  recordAttendance(@Payload() payload: unknown): Promise<SignupView[]> {
    const request = parseRequest(attendanceRequestSchema, payload);
    return this.signups.recordAttendance(request.actor, request.campaignId, request.attendance);
  }
}
