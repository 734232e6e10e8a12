import { SERVICE_NAMES, type HealthPingResponse, type ServiceName } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService, type Readiness } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the gateway process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 only when every service answers over Kafka; 503 otherwise, with details.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (!readiness.ready) reply.status(503).header('Retry-After', '5');
    return readiness;
  }

  @Get('services/:name')
  @ApiOperation({ summary: 'Request-reply round trip to one service (news, volunteers, search).' })
  service(@Param('name') name: string): Promise<HealthPingResponse> {
    if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
      throw new DomainError(ErrorCode.NotFound, 'unknown service', { issues: [{ path: 'params.name', reason: 'invalid_enum_value' }] });
    }
    return this.health.ping(name as ServiceName);
  }
}
