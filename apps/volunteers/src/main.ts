import 'reflect-metadata';
import { Topics } from '@birgemiz/contracts';
import { createLogger } from '@birgemiz/logging';
import { bootstrapKafkaService, eventTopicSpecs, kafkaSettingsFrom, runMain } from '@birgemiz/messaging';
import { VolunteersAppModule } from './app.module';
import { loadVolunteersConfig } from './config';

runMain('volunteers', async (instanceId) => {
  const config = loadVolunteersConfig();
  const logger = createLogger({ service: 'volunteers', level: config.LOG_LEVEL, instanceId });
  await bootstrapKafkaService({
    service: 'volunteers',
    module: VolunteersAppModule.forRoot(config, instanceId, logger),
    settings: kafkaSettingsFrom(config),
    logger,
    instanceId,
    eventTopics: eventTopicSpecs([Topics.VolunteersApplicationV1, Topics.VolunteersCampaignV1, Topics.NewsArticleV1]),
  });
});
