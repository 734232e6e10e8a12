import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { REGION_CODES } from '../../regions';
import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';

export const campaignEventPayloadSchema = z
  .object({
    campaignId: z.string().uuid(),
    version: z.number().int().positive(),
    status: z.enum(['draft', 'open', 'closed', 'finished']),
    region: z.enum(REGION_CODES),
    titles: z.array(z.object({ locale: z.enum(CONTENT_LOCALES), title: z.string() })),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
    capacity: z.number().int().nonnegative(),
    confirmedCount: z.number().int().nonnegative(),
    waitlistCount: z.number().int().nonnegative(),
    occurredAt: z.string().datetime({ offset: true }),
  })
  .strict();

export type CampaignEventPayload = z.infer<typeof campaignEventPayloadSchema>;

const base = {
  topic: Topics.VolunteersCampaignV1,
  source: '/birgemiz/volunteers',
  visibility: 'public' as const,
  payload: campaignEventPayloadSchema,
};

export const CampaignOpened = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.campaign.opened', summary: 'A campaign opened for sign-ups.' });
export const CampaignUpdated = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.campaign.updated', summary: 'A campaign changed (details or counts).' });
export const CampaignClosed = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.campaign.closed', summary: 'A campaign stopped taking sign-ups.' });
export const CampaignFinished = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.campaign.finished', summary: 'A campaign took place; attendance is recorded.' });
