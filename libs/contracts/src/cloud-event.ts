import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** CloudEvents 1.0 structured-mode JSON envelope (https://cloudevents.io). */
export const cloudEventEnvelopeSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string().min(1).max(200),
    source: z.string().min(1).max(500),
    type: z.string().regex(/^kz\.birgemiz\.[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'type must look like kz.birgemiz.<service>.<entity>.<action>'),
    time: z.string().datetime({ offset: true }),
    subject: z.string().min(1).max(200),
    datacontenttype: z.literal('application/json'),
    dataschema: z.string().optional(),
    data: z.unknown(),
  })
  .strict();

export type CloudEvent<T = unknown> = Omit<z.infer<typeof cloudEventEnvelopeSchema>, 'data'> & { data: T };

export interface NewCloudEvent<T> {
  type: string;
  source: string;
  subject: string;
  data: T;
  id?: string;
  time?: Date;
  dataschema?: string;
}

export function createCloudEvent<T>(input: NewCloudEvent<T>): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
  };
  if (input.dataschema) event.dataschema = input.dataschema;
  return event;
}
