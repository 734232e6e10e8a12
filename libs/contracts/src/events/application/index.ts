import { z } from 'zod';
import { REGION_CODES } from '../../regions';
import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';

/** No personal data: no names, e-mails, phones or birth dates — ids, region, campaign and languages only. */
export const applicationEventPayloadSchema = z
  .object({
    applicationId: z.string().uuid(),
    status: z.enum(['submitted', 'screening', 'approved', 'rejected', 'withdrawn']),
    region: z.enum(REGION_CODES),
    campaignId: z.string().uuid().nullable(),
    languages: z.array(
      z.object({
        code: z.string().min(2).max(8),
        level: z.enum(['basic', 'intermediate', 'fluent', 'native']),
        scripts: z.array(z.enum(['cyrl', 'latn'])),
      }),
    ),
    occurredAt: z.string().datetime({ offset: true }),
  })
  .strict();

export type ApplicationEventPayload = z.infer<typeof applicationEventPayloadSchema>;

const base = {
  topic: Topics.VolunteersApplicationV1,
  source: '/birgemiz/volunteers',
  visibility: 'public' as const,
  payload: applicationEventPayloadSchema,
};

export const ApplicationSubmitted = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.application.submitted', summary: 'A "Become a volunteer" application was received.' });
export const ApplicationApproved = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.application.approved', summary: 'A coordinator approved an application.' });
export const ApplicationRejected = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.application.rejected', summary: 'A coordinator rejected an application.' });
export const ApplicationWithdrawn = defineEvent({ ...base, type: 'kz.birgemiz.volunteers.application.withdrawn', summary: 'The applicant withdrew the application.' });
