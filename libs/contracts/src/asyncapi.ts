import { zodToJsonSchema } from 'zod-to-json-schema';
import { deadLetterTopicOf, DeadLetterHeaders, CORRELATION_HEADER } from './topics';
import { EVENT_CATALOGUE } from './events';
import type { EventDefinition } from './events/event-definition';

/** Turns an event type into an AsyncAPI component id: kz.birgemiz.news.article.published → NewsArticlePublished. */
function messageId(definition: EventDefinition): string {
  return definition.type
    .replace(/^kz\.birgemiz\./, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function channelId(topic: string): string {
  return topic.replace(/[^A-Za-z0-9]+/g, '_');
}

function envelopeSchema(definition: EventDefinition): Record<string, unknown> {
  const toJsonSchema = zodToJsonSchema as (schema: unknown, options: object) => Record<string, unknown>;
  const { $schema: _ignored, ...data } = toJsonSchema(definition.payload, { target: 'jsonSchema7', $refStrategy: 'none' });
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'data'],
    additionalProperties: false,
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: { type: 'string', description: 'Unique per event; consumers de-duplicate on it.' },
      source: { type: 'string', const: definition.source },
      type: { type: 'string', const: definition.type },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string', description: 'Id of the aggregate the event is about (also the Kafka key).' },
      datacontenttype: { type: 'string', const: 'application/json' },
      dataschema: { type: 'string' },
      data,
    },
  };
}

export interface AsyncApiOptions {
  version: string;
  /** Include internal topics (for the team's own catalogue); integrations get public ones only. */
  includeInternal?: boolean;
}

/**
 * The AsyncAPI 3.0 catalogue of every topic and event type, generated from the contracts themselves,
 * so it cannot drift from what producers send and consumers validate.
 */
export function generateAsyncApi(options: AsyncApiOptions): Record<string, unknown> {
  const definitions = EVENT_CATALOGUE.filter((d) => options.includeInternal || d.visibility === 'public');
  const topics = [...new Set(definitions.map((d) => d.topic))].sort();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const definition of definitions) {
    messages[messageId(definition)] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/cloudevents+json',
      headers: {
        type: 'object',
        properties: { [CORRELATION_HEADER]: { type: 'string', description: 'Correlation id of the request that caused the event.' } },
      },
      payload: envelopeSchema(definition),
      bindings: { kafka: { key: { type: 'string', description: 'Aggregate id: one entity’s events stay in order.' } } },
    };
  }

  for (const topic of topics) {
    const onTopic = definitions.filter((d) => d.topic === topic);
    const id = channelId(topic);
    channels[id] = {
      address: topic,
      title: topic,
      description: `${onTopic[0].visibility === 'public' ? 'Public' : 'Internal'} topic. Events: ${onTopic.map((d) => d.type).join(', ')}.`,
      messages: Object.fromEntries(onTopic.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }])),
      bindings: { kafka: { topic, bindingVersion: '0.5.0' } },
    };
    operations[`receive_${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `Subscribe to ${topic}.`,
      messages: onTopic.map((d) => ({ $ref: `#/channels/${id}/messages/${messageId(d)}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Birgemiz platform events',
      version: options.version,
      description: [
        'Kafka topics of the Birgemiz platform. Every message is a CloudEvents 1.0 structured JSON envelope; the key is the',
        'aggregate id. Topic names are versioned (`birgemiz.<service>.<entity>.v<N>`) and never renamed: a breaking change',
        'gets a new topic version. Public topics carry no personal data. Consumers must ignore event types they do not know.',
        `Messages a consumer cannot process go to \`<topic>${deadLetterTopicOf('')}\` with headers ${Object.values(DeadLetterHeaders).join(', ')}.`,
      ].join(' '),
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local single-node broker (npm run infra:up).' },
    },
    channels,
    operations,
    components: { messages },
  };
}
