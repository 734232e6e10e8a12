import { generateAsyncApi } from '@birgemiz/contracts';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLATFORM_VERSION } from '../version';

@ApiTags('docs')
@Controller('docs')
export class AsyncApiController {
  private readonly document = generateAsyncApi({ version: PLATFORM_VERSION });

  @Get('asyncapi.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'AsyncAPI 3.0 catalogue of the public Kafka topics and event types, for integrations.' })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
