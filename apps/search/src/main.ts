import 'reflect-metadata';
import { Topics } from '@birgemiz/contracts';
import { createLogger } from '@birgemiz/logging';
import { bootstrapKafkaService, eventTopicSpecs, kafkaSettingsFrom, runMain } from '@birgemiz/messaging';
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
    // The news export's topics are created by NewsExportClient when it connects.
    eventTopics: eventTopicSpecs([Topics.NewsArticleV1, Topics.NewsArticleStateV1]),
  });
});
