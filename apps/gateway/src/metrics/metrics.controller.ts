import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServicesClient } from '../clients/services-client';

/** Prometheus text metrics of the gateway process. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): string {
    const memory = process.memoryUsage();
    return [
      '# HELP birgemiz_gateway_pending_requests Request-reply calls waiting for an answer.',
      '# TYPE birgemiz_gateway_pending_requests gauge',
      `birgemiz_gateway_pending_requests ${this.services.pendingRequests()}`,
      '# HELP birgemiz_gateway_kafka_ready 1 when reply partitions are assigned.',
      '# TYPE birgemiz_gateway_kafka_ready gauge',
      `birgemiz_gateway_kafka_ready ${this.services.ready ? 1 : 0}`,
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '',
    ].join('\n');
  }
}
