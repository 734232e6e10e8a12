import 'reflect-metadata';
import { Patterns, patternsOf, Topics } from '@birgemiz/contracts';
import { createLogger } from '@birgemiz/logging';
import { bootstrapKafkaService, eventTopicSpecs, kafkaSettingsFrom, requestReplyTopicSpecs, runMain } from '@birgemiz/messaging';
import { SearchAppModule } from './app.module';
import { loadSearchConfig } from './config';

runMain('search', async (instanceId) => {
  const config = loadSearchConfig();
  const logger = createLogger({ service: 'search', level: config.LOG_LEVEL, instanceId });
  await bootstrapKafkaService({
    service: 'search',
    module: SearchAppModule.forRoot(config, instanceId, logger),
    settings: kafkaSettingsFrom(config),
    logger,
    instanceId,
    topics: [
      ...requestReplyTopicSpecs([...patternsOf('search'), Patterns.news.articlesExport]),
      ...eventTopicSpecs([Topics.NewsArticleV1, Topics.NewsArticleStateV1]),
    ],
  });
});
