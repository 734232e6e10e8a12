import { parseRpc } from '@birgemiz/messaging';
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
import { SignupsService } from './signups.service';

@Controller()
export class SignupsController {
  constructor(private readonly signups: SignupsService) {}

  @MessagePattern(Patterns.volunteers.signupsSelfCreate)
  signUpSelf(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRpc(selfSignupRequestSchema, payload);
    return this.signups.signUpSelf(request.token, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.signupsSelfCancel)
  cancelSelf(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRpc(selfSignupRequestSchema, payload, 'params');
    return this.signups.cancelSelf(request.token, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.signupsAssign)
  assign(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRpc(staffSignupRequestSchema, payload);
    return this.signups.assign(request.actor, request.campaignId, request.volunteerId);
  }

  @MessagePattern(Patterns.volunteers.signupsUnassign)
  unassign(@Payload() payload: unknown): Promise<SignupView> {
    const request = parseRpc(staffSignupRequestSchema, payload, 'params');
    return this.signups.unassign(request.actor, request.campaignId, request.volunteerId);
  }

  @MessagePattern(Patterns.volunteers.signupsList)
  list(@Payload() payload: unknown): Promise<SignupView[]> {
    const request = parseRpc(signupListRequestSchema, payload, 'params');
    return this.signups.list(request.actor, request.campaignId);
  }

  @MessagePattern(Patterns.volunteers.attendanceRecord)
  recordAttendance(@Payload() payload: unknown): Promise<SignupView[]> {
    const request = parseRpc(attendanceRequestSchema, payload);
    return this.signups.recordAttendance(request.actor, request.campaignId, request.attendance);
  }
}
