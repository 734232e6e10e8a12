import { Patterns, SERVICE_NAMES, type HealthPingResponse, type ServiceName } from '@birgemiz/contracts';
import { DomainError } from '@birgemiz/errors';
import { Inject, Injectable } from '@nestjs/common';
import { ReadCacheService } from '../cache/read-cache.service';
import { ServicesClient } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

export interface ServiceStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
  answer?: HealthPingResponse;
}

export interface Readiness {
  ready: boolean;
  kafka: 'connected' | 'connecting';
  services: Record<ServiceName, ServiceStatus>;
  /** Whether cached reads are served (only while their invalidation events are consumed); not part of `ready`. */
  cache: { news: 'on' | 'off' };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly services: ServicesClient,
    private readonly cache: ReadCacheService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Pings one service over Kafka; a DomainError (503/504) when it does not answer. */
  ping(service: ServiceName): Promise<HealthPingResponse> {
    return this.services.request<HealthPingResponse>(Patterns[service].healthPing, {}, this.config.HEALTH_TIMEOUT_MS);
  }

  /** Ready only when Kafka is connected and every service answers its ping with all its checks ok. */
  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      SERVICE_NAMES.map(async (name): Promise<[ServiceName, ServiceStatus]> => {
        const started = Date.now();
        try {
          const answer = await this.ping(name);
          return [name, { status: answer.status === 'ok' ? 'up' : 'down', latencyMs: Date.now() - started, answer }];
        } catch (error) {
          const code = error instanceof DomainError ? error.code : 'INTERNAL';
          return [name, { status: 'down', latencyMs: Date.now() - started, error: code }];
        }
      }),
    );
    const services = Object.fromEntries(entries) as Record<ServiceName, ServiceStatus>;
    const kafka = this.services.ready ? 'connected' : 'connecting';
    return {
      ready: kafka === 'connected' && entries.every(([, s]) => s.status === 'up'),
      kafka,
      services,
      cache: { news: this.cache.isEnabled('news') ? 'on' : 'off' },
    };
  }
}
