import 'reflect-metadata';
import { createLogger, PinoNestLogger } from '@birgemiz/logging';
import { runMain } from '@birgemiz/messaging';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayAppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { registerCorrelation } from './http/correlation.hook';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { preRoutingServer, type PreRoutingHandler } from './http/pre-routing-server';
import { setupOpenApi } from './http/openapi';
import { CachedReadsFastPath } from './news/cached-reads.fast-path';
import { QueueDashboardService } from './queue-dashboard/queue-dashboard.service';
import { PLATFORM_VERSION } from './version';

/** Largest JSON body the gateway reads; larger ones get 413 before any service sees them. */
const BODY_LIMIT_BYTES = 1_048_576;

runMain('gateway', async (instanceId) => {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL, instanceId });
  // Public news reads held in memory are answered on the raw request, before Fastify and Nest (resolved once the app
  // exists; until then every request goes to Fastify).
  let preRouting: PreRoutingHandler | undefined;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    logger: false,
    serverFactory: preRoutingServer(
      () => preRouting,
      (err, request) => logger.error({ err, ...request }, 'cached read failed; the request went on to its route'),
    ),
  });
  registerCorrelation(adapter.getInstance());
  // JSON only: other bodies get 415 instead of reaching the validators as strings.
  adapter.getInstance().removeContentTypeParser(['text/plain']);
  const app = await NestFactory.create<NestFastifyApplication>(GatewayAppModule.forRoot(config, instanceId, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: true,
    // Fastify's own JSON parser only (no urlencoded parser from Nest): other content types get 415.
    bodyParser: false,
  });
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/*path', method: RequestMethod.ALL },
      { path: 'docs/*path', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  const fastPath = app.get(CachedReadsFastPath);
  preRouting = (request, response) => fastPath.tryAnswer(request, response);
  app.enableShutdownHooks();
  setupOpenApi(app, PLATFORM_VERSION);
  // Bull Board for admins at /admin/queues (a Fastify plugin next to Nest's routes, behind its own admin check).
  await app.get(QueueDashboardService).mount(app.getHttpAdapter().getInstance());
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl() }, 'gateway is listening');
});
