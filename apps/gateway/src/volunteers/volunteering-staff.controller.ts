import {
  applicationListQuerySchema,
  assignBodySchema,
  attendanceBodySchema,
  campaignCreateBodySchema,
  campaignListQuerySchema,
  campaignLocaleQuerySchema,
  campaignUpdateBodySchema,
  Patterns,
  screeningBodySchema,
  volunteerListQuerySchema,
  volunteerUpdateBodySchema,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationSummary,
  type AssignBody,
  type AttendanceBody,
  type CampaignAction,
  type CampaignCreateBody,
  type CampaignListQuery,
  type CampaignLocaleQuery,
  type CampaignStaffView,
  type CampaignUpdateBody,
  type Page,
  type ScreeningAction,
  type ScreeningBody,
  type SignupView,
  type StaffActor,
  type VolunteerListQuery,
  type VolunteerProfile,
  type VolunteerUpdateBody,
  type VolunteerWithHistory,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffOnly } from '../auth/roles.decorator';
import type { StaffPrincipal } from '../auth/staff-principal';
import { ServicesClient } from '../clients/services-client';
import { openApiSchema } from '../http/openapi';
import { campaignIdPipe } from './campaigns.controller';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCode.NotFound, 'no such item') });
const screeningPipe = new ZodValidationPipe(screeningBodySchema, 'body');

function actor(staff: StaffPrincipal): StaffActor {
  return { id: staff.id, role: staff.role };
}

/** Coordinators (and admins): screening, volunteers, campaigns, sign-ups and attendance. Editors get 403. */
@ApiTags('volunteering (staff)')
@StaffOnly('coordinator', 'admin')
@Controller('staff')
export class VolunteeringStaffController {
  constructor(private readonly services: ServicesClient) {}

  @Get('applications')
  @ApiOperation({ summary: 'Applications with filters (status, region, language and script, skill, campaign, dates, search).' })
  listApplications(
    @CurrentStaff() staff: StaffPrincipal,
    @Query(new ZodValidationPipe(applicationListQuerySchema, 'query')) query: ApplicationListQuery,
  ): Promise<Page<ApplicationSummary>> {
    return this.services.request(Patterns.volunteers.applicationsList, { actor: actor(staff), query });
  }

  @Get('applications/:id')
  @ApiOperation({ summary: 'One application with contact details and audit trail; the read is recorded.' })
  getApplication(@CurrentStaff() staff: StaffPrincipal, @Param('id', uuid) id: string): Promise<ApplicationDetail> {
    return this.services.request(Patterns.volunteers.applicationsGet, { actor: actor(staff), id });
  }

  @Post('applications/:id/screening')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start screening a submitted application.' })
  @ApiBody({ schema: openApiSchema(screeningBodySchema) })
  startScreening(@CurrentStaff() staff: StaffPrincipal, @Param('id', uuid) id: string, @Body(screeningPipe) body: ScreeningBody): Promise<ApplicationDetail> {
    return this.screen(staff, id, 'start_screening', body);
  }

  @Post('applications/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an application in screening; creates or updates the volunteer profile.' })
  @ApiBody({ schema: openApiSchema(screeningBodySchema) })
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', uuid) id: string, @Body(screeningPipe) body: ScreeningBody): Promise<ApplicationDetail> {
    return this.screen(staff, id, 'approve', body);
  }

  @Post('applications/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an application (a reason is required).' })
  @ApiBody({ schema: openApiSchema(screeningBodySchema) })
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id', uuid) id: string, @Body(screeningPipe) body: ScreeningBody): Promise<ApplicationDetail> {
    return this.screen(staff, id, 'reject', body);
  }

  @Get('volunteers')
  @ApiOperation({ summary: 'Find volunteers by region, city, language and script, skill, status.' })
  listVolunteers(
    @CurrentStaff() staff: StaffPrincipal,
    @Query(new ZodValidationPipe(volunteerListQuerySchema, 'query')) query: VolunteerListQuery,
  ): Promise<Page<VolunteerProfile>> {
    return this.services.request(Patterns.volunteers.volunteersList, { actor: actor(staff), query });
  }

  @Get('volunteers/:id')
  @ApiOperation({ summary: 'A volunteer with their campaigns and total hours.' })
  getVolunteer(@CurrentStaff() staff: StaffPrincipal, @Param('id', uuid) id: string): Promise<VolunteerWithHistory> {
    return this.services.request(Patterns.volunteers.volunteersGet, { actor: actor(staff), id });
  }

  @Patch('volunteers/:id')
  @ApiOperation({ summary: 'Set a volunteer active or inactive.' })
  @ApiBody({ schema: openApiSchema(volunteerUpdateBodySchema) })
  updateVolunteer(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(volunteerUpdateBodySchema, 'body')) changes: VolunteerUpdateBody,
  ): Promise<VolunteerProfile> {
    return this.services.request(Patterns.volunteers.volunteersUpdate, { actor: actor(staff), id, changes });
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Campaigns of every status.' })
  listCampaigns(
    @CurrentStaff() staff: StaffPrincipal,
    @Query(new ZodValidationPipe(campaignListQuerySchema, 'query')) query: CampaignListQuery,
  ): Promise<Page<CampaignStaffView>> {
    return this.services.request(Patterns.volunteers.campaignsList, { actor: actor(staff), query });
  }

  @Post('campaigns')
  @ApiOperation({ summary: 'Create a campaign (draft).' })
  @ApiBody({ schema: openApiSchema(campaignCreateBodySchema) })
  createCampaign(
    @CurrentStaff() staff: StaffPrincipal,
    @Body(new ZodValidationPipe(campaignCreateBodySchema, 'body')) campaign: CampaignCreateBody,
  ): Promise<CampaignStaffView> {
    return this.services.request(Patterns.volunteers.campaignsCreate, { actor: actor(staff), campaign });
  }

  @Get('campaigns/:id')
  getCampaign(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', campaignIdPipe) id: string,
    @Query(new ZodValidationPipe(campaignLocaleQuerySchema, 'query')) query: CampaignLocaleQuery,
  ): Promise<CampaignStaffView> {
    return this.services.request(Patterns.volunteers.campaignsGet, { actor: actor(staff), id, locale: query.locale });
  }

  @Patch('campaigns/:id')
  @ApiOperation({ summary: 'Change a campaign; more capacity moves the waitlist up.' })
  @ApiBody({ schema: openApiSchema(campaignUpdateBodySchema) })
  updateCampaign(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', campaignIdPipe) id: string,
    @Body(new ZodValidationPipe(campaignUpdateBodySchema, 'body')) changes: CampaignUpdateBody,
  ): Promise<CampaignStaffView> {
    return this.services.request(Patterns.volunteers.campaignsUpdate, { actor: actor(staff), id, changes });
  }

  @Post('campaigns/:id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a draft or closed campaign for sign-ups.' })
  open(@CurrentStaff() staff: StaffPrincipal, @Param('id', campaignIdPipe) id: string): Promise<CampaignStaffView> {
    return this.transition(staff, id, 'open');
  }

  @Post('campaigns/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop taking sign-ups.' })
  close(@CurrentStaff() staff: StaffPrincipal, @Param('id', campaignIdPipe) id: string): Promise<CampaignStaffView> {
    return this.transition(staff, id, 'close');
  }

  @Post('campaigns/:id/finish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the campaign as taken place; attendance can be recorded.' })
  finish(@CurrentStaff() staff: StaffPrincipal, @Param('id', campaignIdPipe) id: string): Promise<CampaignStaffView> {
    return this.transition(staff, id, 'finish');
  }

  @Get('campaigns/:id/signups')
  listSignups(@CurrentStaff() staff: StaffPrincipal, @Param('id', campaignIdPipe) campaignId: string): Promise<SignupView[]> {
    return this.services.request(Patterns.volunteers.signupsList, { actor: actor(staff), campaignId });
  }

  @Post('campaigns/:id/signups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign a volunteer (confirmed, or waitlisted when full).' })
  @ApiBody({ schema: openApiSchema(assignBodySchema) })
  assign(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', campaignIdPipe) campaignId: string,
    @Body(new ZodValidationPipe(assignBodySchema, 'body')) body: AssignBody,
  ): Promise<SignupView> {
    return this.services.request(Patterns.volunteers.signupsAssign, { actor: actor(staff), campaignId, volunteerId: body.volunteerId });
  }

  @Delete('campaigns/:id/signups/:volunteerId')
  @HttpCode(200)
  unassign(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', campaignIdPipe) campaignId: string,
    @Param('volunteerId', uuid) volunteerId: string,
  ): Promise<SignupView> {
    return this.services.request(Patterns.volunteers.signupsUnassign, { actor: actor(staff), campaignId, volunteerId });
  }

  @Put('campaigns/:id/attendance')
  @ApiOperation({ summary: 'Attendance and hours, after the campaign finished.' })
  @ApiBody({ schema: openApiSchema(attendanceBodySchema) })
  attendance(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', campaignIdPipe) campaignId: string,
    @Body(new ZodValidationPipe(attendanceBodySchema, 'body')) body: AttendanceBody,
  ): Promise<SignupView[]> {
    return this.services.request(Patterns.volunteers.attendanceRecord, { actor: actor(staff), campaignId, attendance: body });
  }

  private screen(staff: StaffPrincipal, id: string, action: ScreeningAction, body: ScreeningBody): Promise<ApplicationDetail> {
    return this.services.request(Patterns.volunteers.applicationsScreen, { actor: actor(staff), id, action, ...body });
  }

  private transition(staff: StaffPrincipal, id: string, action: CampaignAction): Promise<CampaignStaffView> {
    return this.services.request(Patterns.volunteers.campaignsTransition, { actor: actor(staff), id, action });
  }
}
