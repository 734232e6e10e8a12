import {
  Patterns,
  preferencesBodySchema,
  subscribeBodySchema,
  subscriptionTokenBodySchema,
  subscriptionTokenSchema,
  type PreferencesBody,
  type SubscribeAccepted,
  type SubscribeBody,
  type SubscriptionTokenBody,
  type SubscriptionView,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServicesClient } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';

const tokenQueryPipe = new ZodValidationPipe(subscriptionTokenBodySchema, 'query');
const tokenParamPipe = new ZodValidationPipe(subscriptionTokenSchema, 'params');

/** Window of the subscription rate limits (SUBSCRIBE_RATE_LIMIT_PER_IP, SUBSCRIBE_RATE_LIMIT_PER_EMAIL). */
const SUBSCRIBE_WINDOW_SECONDS = 3_600;

/**
 * "Keep up to date with all events": subscribe (double opt-in by e-mail), confirm, preferences, unsubscribe by link
 * and by RFC 8058 one-click (the List-Unsubscribe URL of every newsletter).
 */
@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly services: ServicesClient,
    private readonly rateLimiter: RateLimiterService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Subscribe (e-mail, locale, topics, frequency). A confirmation link is e-mailed; the answer is the same for known addresses.' })
  @ApiBody({ schema: openApiSchema(subscribeBodySchema) })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address or for this e-mail (Retry-After).' })
  async subscribe(@Body(new ZodValidationPipe(subscribeBodySchema, 'body')) body: SubscribeBody, @Req() request: FastifyRequest): Promise<SubscribeAccepted> {
    await this.rateLimiter.hit([
      { scope: 'subscriptions:ip', subject: request.ip, limit: this.config.SUBSCRIBE_RATE_LIMIT_PER_IP, windowSeconds: SUBSCRIBE_WINDOW_SECONDS },
      { scope: 'subscriptions:email', subject: body.email, limit: this.config.SUBSCRIBE_RATE_LIMIT_PER_EMAIL, windowSeconds: SUBSCRIBE_WINDOW_SECONDS },
    ]);
    return this.services.request(Patterns.volunteers.subscriptionsSubscribe, { subscription: body });
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a subscription with the token of the e-mailed link (signed, expires).' })
  @ApiBody({ schema: openApiSchema(subscriptionTokenBodySchema) })
  confirm(@Body(new ZodValidationPipe(subscriptionTokenBodySchema, 'body')) body: SubscriptionTokenBody): Promise<SubscriptionView> {
    return this.services.request(Patterns.volunteers.subscriptionsConfirm, body);
  }

  @Get('preferences')
  @ApiOperation({ summary: 'The subscription behind a management link.' })
  preferences(@Query(tokenQueryPipe) query: SubscriptionTokenBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<SubscriptionView> {
    reply.header('cache-control', 'no-store');
    return this.services.request(Patterns.volunteers.subscriptionsGet, query);
  }

  @Patch('preferences')
  @ApiOperation({ summary: 'Change locale, topics, region or frequency without subscribing again.' })
  @ApiBody({ schema: openApiSchema(preferencesBodySchema) })
  update(@Body(new ZodValidationPipe(preferencesBodySchema, 'body')) body: PreferencesBody): Promise<SubscriptionView> {
    return this.services.request(Patterns.volunteers.subscriptionsUpdate, body);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe through the link of a newsletter; the address is forgotten. A second time is 409.' })
  @ApiBody({ schema: openApiSchema(subscriptionTokenBodySchema) })
  unsubscribe(@Body(new ZodValidationPipe(subscriptionTokenBodySchema, 'body')) body: SubscriptionTokenBody): Promise<SubscriptionView> {
    return this.services.request(Patterns.volunteers.subscriptionsUnsubscribe, body);
  }

  @Post('one-click/:token')
  @HttpCode(200)
  @ApiOperation({ summary: 'RFC 8058 one-click unsubscribe: POST with the form body List-Unsubscribe=One-Click. A replay is 409.' })
  async oneClick(@Param('token', tokenParamPipe) token: string, @Body() body: unknown): Promise<{ unsubscribed: true }> {
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)['List-Unsubscribe'] : undefined;
    if (value !== 'One-Click') {
      throw new DomainError(ErrorCode.ValidationFailed, 'expected the body List-Unsubscribe=One-Click', {
        issues: [{ path: 'body.List-Unsubscribe', reason: 'one_click_body_required' }],
      });
    }
    await this.services.request(Patterns.volunteers.subscriptionsOneClick, { token, oneClick: true });
    return { unsubscribed: true };
  }
}
