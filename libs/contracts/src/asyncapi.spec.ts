import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAsyncApi } from './asyncapi';
import { EVENT_CATALOGUE } from './events';
import { Topics } from './topics';

const version = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

/** Field names that would mean personal data on a public topic. */
const PERSONAL_FIELDS = /^(email|e-?mail|phone|fullName|name|firstName|lastName|birthDate|dateOfBirth|address|guardian\w*|passport\w*|iin)$/i;

function propertyNames(schema: unknown, into: string[] = []): string[] {
  if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
      if (key === 'properties' && value && typeof value === 'object') into.push(...Object.keys(value));
      propertyNames(value, into);
    }
  }
  return into;
}

describe('event catalogue and AsyncAPI document', () => {
  const document = generateAsyncApi({ version });

  it('is a valid AsyncAPI 3 document', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
  });

  it('matches docs/asyncapi.json (regenerate with npm run build && npm run asyncapi)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(document);
  });

  it('lists every public topic and event type, and no internal one', () => {
    const channels = Object.values(document.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(channels.sort()).toEqual([Topics.NewsArticleV1, Topics.VolunteersApplicationV1, Topics.VolunteersCampaignV1].sort());
    const names = Object.values(document.components as { messages: Record<string, { name: string }> }).flatMap((m) => Object.values(m).map((x) => x.name));
    const publicTypes = EVENT_CATALOGUE.filter((e) => e.visibility === 'public').map((e) => e.type);
    expect(names.sort()).toEqual(publicTypes.sort());
  });

  it('versions every topic and never reuses an event type', () => {
    for (const topic of Object.values(Topics)) expect(topic).toMatch(/^birgemiz\.[a-z]+\.[a-z-]+\.v\d+$/);
    const types = EVENT_CATALOGUE.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    for (const event of EVENT_CATALOGUE) expect(event.type).toMatch(/^kz\.birgemiz\.[a-z]+\.[a-z-]+\.[a-z]+$/);
  });

  it('carries no personal-data field on public topics', () => {
    const messages = (document.components as { messages: Record<string, { payload: unknown }> }).messages;
    for (const [id, message] of Object.entries(messages)) {
      const offending = propertyNames(message.payload).filter((p) => PERSONAL_FIELDS.test(p));
      expect({ id, offending }).toEqual({ id, offending: [] });
    }
  });
});
