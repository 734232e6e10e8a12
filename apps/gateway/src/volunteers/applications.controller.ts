import {
  APPLICATION_RECEIVED_MESSAGE,
  applicationFormSchema,
  idempotencyKeySchema,
  Patterns,
  selfSignupBodySchema,
  statusTokenSchema,
  withdrawBodySchema,
  type ApplicationForm,
  type ApplicationReceipt,
  type ApplicationStatusView,
  type ErasureReceipt,
  type PersonalDataExport,
  type SelfSignupBody,
  type SignupView,
  type WithdrawBody,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode, negotiateLanguage } from '@birgemiz/errors';
import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServicesClient } from '../clients/services-client';
import { openApiSchema } from '../http/openapi';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { APPLICATIONS_HTTP_CONFIG, type ApplicationsHttpConfig } from './applications-http.config';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.ValidationFailed, 'bad Idempotency-Key', { issues: [{ path: 'headers.idempotency-key', reason: 'invalid_string' }] });
  }
  return parsed.data;
}

const tokenPipe = new ZodValidationPipe(statusTokenSchema, 'params');

/** The public "Become a volunteer" form and the applicant's status link (the link is the applicant's only key). */
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly services: ServicesClient,
    private readonly rateLimiter: RateLimiterService,
    @Inject(APPLICATIONS_HTTP_CONFIG) private readonly config: ApplicationsHttpConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Send a "Become a volunteer" application. Retries with the same Idempotency-Key get the same answer.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–100 characters; one per form submission.' })
  @ApiBody({ schema: openApiSchema(applicationFormSchema) })
  @ApiConflictResponse({ description: 'An application of this e-mail was sent recently (reason already_applied).' })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions from this address or e-mail (Retry-After).' })
  async submit(
    @Body(new ZodValidationPipe(applicationFormSchema, 'body')) form: ApplicationForm,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<ApplicationReceipt> {
    const idempotencyKey = idempotencyKeyOf(idempotencyKeyHeader);
    const windowSeconds = this.config.APPLICATION_RATE_WINDOW_SECONDS;
    await this.rateLimiter.hit([
      { scope: 'applications:ip', subject: request.ip, limit: this.config.APPLICATION_RATE_LIMIT_PER_IP, windowSeconds },
      { scope: 'applications:email', subject: form.email, limit: this.config.APPLICATION_RATE_LIMIT_PER_EMAIL, windowSeconds },
    ]);
    const receipt = await this.services.request<ApplicationReceipt>(Patterns.volunteers.applicationsSubmit, { form, idempotencyKey });
    return { ...receipt, message: APPLICATION_RECEIVED_MESSAGE[negotiateLanguage(request.headers['accept-language'])] };
  }

  @Get('status/:token')
  @ApiOperation({ summary: 'The applicant’s view of their application (through the link from the submission answer).' })
  status(@Param('token', tokenPipe) token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplicationStatusView> {
    reply.header('cache-control', 'no-store');
    return this.services.request(Patterns.volunteers.applicationsStatus, { token });
  }

  @Post('status/:token/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application (while submitted or in screening).' })
  @ApiBody({ schema: openApiSchema(withdrawBodySchema) })
  withdraw(
    @Param('token', tokenPipe) token: string,
    @Body(new ZodValidationPipe(withdrawBodySchema, 'body')) body: WithdrawBody,
  ): Promise<ApplicationStatusView> {
    return this.services.request(Patterns.volunteers.applicationsWithdraw, { token, ...body });
  }

  @Get('status/:token/personal-data')
  @ApiOperation({ summary: 'Export everything stored about the applicant.' })
  export(@Param('token', tokenPipe) token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonalDataExport> {
    reply.header('cache-control', 'no-store');
    return this.services.request(Patterns.volunteers.personalDataExport, { token });
  }

  @Delete('status/:token/personal-data')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase the applicant’s personal data (anonymous counts stay); the link stops working.' })
  erase(@Param('token', tokenPipe) token: string): Promise<ErasureReceipt> {
    return this.services.request(Patterns.volunteers.personalDataErase, { token });
  }

  @Post('status/:token/signups')
  @HttpCode(200)
  @ApiOperation({ summary: 'An approved volunteer signs up for an open campaign (confirmed, or waitlisted when full).' })
  @ApiBody({ schema: openApiSchema(selfSignupBodySchema) })
  signUp(
    @Param('token', tokenPipe) token: string,
    @Body(new ZodValidationPipe(selfSignupBodySchema, 'body')) body: SelfSignupBody,
  ): Promise<SignupView> {
    return this.services.request(Patterns.volunteers.signupsSelfCreate, { token, campaignId: body.campaignId });
  }

  @Delete('status/:token/signups/:campaignId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a sign-up; the first on the waitlist moves up.' })
  cancel(
    @Param('token', tokenPipe) token: string,
    @Param('campaignId', new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCode.NotFound, 'no such campaign') })) campaignId: string,
  ): Promise<SignupView> {
    return this.services.request(Patterns.volunteers.signupsSelfCancel, { token, campaignId });
  }
}
