import { NOTIFICATION_QUEUE_NAMES } from '@birgemiz/contracts';
import { DomainError } from '@birgemiz/errors';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { StaffTokenVerifier } from '../auth/staff-token.verifier';
import { GATEWAY_LOGGER } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { sendError } from '../http/http-exception.filter';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH, readCookie } from './queue-dashboard-cookie';


type Config = Pick<GatewayConfig, 'REDIS_URL' | 'NOTIFICATION_QUEUE_PREFIX' | 'QUEUE_DASHBOARD'>;

/**
 * The admins' queue dashboard: Bull Board over the notification queues (names from libs/contracts, key prefix from
 * NOTIFICATION_QUEUE_PREFIX, the same as the volunteers service's), mounted on the gateway's Fastify instance under
 * /admin/queues. Every request of the page, its JSON API and its static files must carry an admin's access token,
 * as `Authorization: Bearer …` or in the dashboard cookie: none or an invalid one → 401, another role → 403.
 */
@Injectable()
export class QueueDashboardService implements OnApplicationShutdown {
  private connection: Redis | undefined;
  private readonly queues: Queue[] = [];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: Config,
    private readonly verifier: StaffTokenVerifier,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Registers the dashboard as an encapsulated Fastify plugin (its auth hook applies to its own routes only). */
  async mount(fastify: FastifyInstance): Promise<void> {
    if (!this.config.QUEUE_DASHBOARD) return;
    const connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: true });
    connection.on('error', (error) => this.logger.warn({ error: error.message }, 'queue dashboard: Redis error'));
    this.connection = connection;
    for (const name of NOTIFICATION_QUEUE_NAMES) {
      this.queues.push(new Queue(name, { connection, prefix: this.config.NOTIFICATION_QUEUE_PREFIX }));
    }
    // Loaded here, not at import: @bull-board/fastify pulls ES-module-only dependencies that Node loads with
    // require(esm) but jest cannot, so modules importing this service stay testable.
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BullBoardFastifyAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/fastify'),
    ]);
    const serverAdapter = new BullBoardFastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Birgemiz queues', hideDocsLink: true } },
    });
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.authorize(request, reply));
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  /** Lets admins through; answers 401/403 with the platform's error body otherwise. */
  async authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      const token = StaffTokenVerifier.bearer(request.headers.authorization) ?? readCookie(request.headers.cookie, QUEUE_DASHBOARD_COOKIE);
      const staff = await this.verifier.verify(token);
      StaffTokenVerifier.requireRole(staff, ['admin']);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendError(request, reply, error);
      return reply;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.queues.map((q) => q.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
