import 'reflect-metadata';
import { Topics } from '@birgemiz/contracts';
import { createLogger } from '@birgemiz/logging';
import { bootstrapKafkaService, eventTopicSpecs, kafkaSettingsFrom, runMain } from '@birgemiz/messaging';
import { NewsAppModule } from './app.module';
import { loadNewsConfig } from './config';

runMain('news', async (instanceId) => {
  const config = loadNewsConfig();
  const logger = createLogger({ service: 'news', level: config.LOG_LEVEL, instanceId });
  await bootstrapKafkaService({
    service: 'news',
    module: NewsAppModule.forRoot(config, instanceId, logger),
    settings: kafkaSettingsFrom(config),
    logger,
    instanceId,
    eventTopics: eventTopicSpecs([Topics.NewsArticleV1, Topics.NewsArticleStateV1, Topics.NewsArticleViewV1]),
  });
});
