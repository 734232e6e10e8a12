import { cloudEventEnvelopeSchema, createCloudEvent } from './cloud-event';

describe('CloudEvents envelope', () => {
  it('creates a valid structured-mode event', () => {
    const event = createCloudEvent({ type: 'kz.birgemiz.news.article.published', source: '/birgemiz/news', subject: 'a1', data: { x: 1 } });
    expect(cloudEventEnvelopeSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({ specversion: '1.0', datacontenttype: 'application/json', subject: 'a1', data: { x: 1 } });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a wrong spec version', { specversion: '0.3' }],
    ['a type outside the kz.birgemiz namespace', { type: 'com.example.thing' }],
    ['an unparseable time', { time: 'yesterday' }],
    ['an empty id', { id: '' }],
    ['an unknown attribute', { extra: 1 }],
  ])('rejects %s', (_what, override) => {
    const event = { ...createCloudEvent({ type: 'kz.birgemiz.news.article.published', source: '/birgemiz/news', subject: 's', data: {} }), ...override };
    expect(cloudEventEnvelopeSchema.safeParse(event).success).toBe(false);
  });
});
