import { loginBodySchema, Patterns, refreshBodySchema, type LoginBody, type RefreshBody, type TokenPair } from '@birgemiz/contracts';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ServicesClient } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly services: ServicesClient,
    private readonly rateLimiter: RateLimiterService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in: a short-lived access token (JWT) and a refresh token.' })
  @ApiBody({ schema: openApiSchema(loginBodySchema) })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password.' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts, or the account is locked (Retry-After).' })
  async login(
    @Body(new ZodValidationPipe(loginBodySchema, 'body')) body: LoginBody,
    @Req() request: FastifyRequest,
  ): Promise<TokenPair> {
    const windowSeconds = this.config.LOGIN_RATE_WINDOW_SECONDS;
    await this.rateLimiter.hit([
      { scope: 'login:ip', subject: request.ip, limit: this.config.LOGIN_RATE_LIMIT_PER_IP, windowSeconds },
      { scope: 'login:email', subject: body.email, limit: this.config.LOGIN_RATE_LIMIT_PER_EMAIL, windowSeconds },
    ]);
    return this.services.request<TokenPair>(Patterns.volunteers.authLogin, { ...body, clientIp: request.ip });
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (the old refresh token stops working).' })
  @ApiBody({ schema: openApiSchema(refreshBodySchema) })
  async refresh(
    @Body(new ZodValidationPipe(refreshBodySchema, 'body')) body: RefreshBody,
    @Req() request: FastifyRequest,
  ): Promise<TokenPair> {
    await this.rateLimiter.hit([
      { scope: 'refresh:ip', subject: request.ip, limit: this.config.LOGIN_RATE_LIMIT_PER_IP * 2, windowSeconds: this.config.LOGIN_RATE_WINDOW_SECONDS },
    ]);
    return this.services.request<TokenPair>(Patterns.volunteers.authRefresh, body);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a refresh token.' })
  @ApiBody({ schema: openApiSchema(refreshBodySchema) })
  logout(@Body(new ZodValidationPipe(refreshBodySchema, 'body')) body: RefreshBody): Promise<{ revoked: boolean }> {
    return this.services.request<{ revoked: boolean }>(Patterns.volunteers.authLogout, body);
  }
}
