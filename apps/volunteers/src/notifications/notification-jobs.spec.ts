import { randomUUID } from 'node:crypto';
import { emailJobId, joinId } from './notification-jobs';

describe('notification job ids', () => {
  it('are deterministic per cause and never contain ":" (BullMQ reserves it)', () => {
    const applicationId = randomUUID();
    const a = emailJobId({ type: 'application-received', applicationId });
    expect(a).toBe(`application-received.${applicationId}`);
    expect(emailJobId({ type: 'application-received', applicationId })).toBe(a);
    const ids = [
      a,
      emailJobId({ type: 'signup-confirmed', signupId: applicationId, queueSeq: '12' }),
      emailJobId({ type: 'campaign-reminder', signupId: applicationId, queueSeq: '12', startsAt: '2030-05-01T04:00:00Z' }),
      emailJobId({ type: 'newsletter-article', articleId: applicationId, subscriptionId: randomUUID() }),
      emailJobId({ type: 'newsletter-digest', day: '2030-05-01', subscriptionId: randomUUID() }),
      emailJobId({ type: 'subscription-confirm', subscriptionId: applicationId, generation: 1, request: 2 }),
      emailJobId({ type: 'campaign-opened', campaignId: applicationId, subscriptionId: randomUUID() }),
    ];
    for (const id of ids) expect(id).not.toContain(':');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('give a moved campaign start a new reminder id, and one announcement per campaign and subscriber', () => {
    const signupId = randomUUID();
    const before = emailJobId({ type: 'campaign-reminder', signupId, queueSeq: '3', startsAt: '2030-05-01T04:00:00.000Z' });
    const after = emailJobId({ type: 'campaign-reminder', signupId, queueSeq: '3', startsAt: '2030-05-02T04:00:00.000Z' });
    expect(before).toBe(`campaign-reminder.${signupId}.3.${Date.parse('2030-05-01T04:00:00Z')}`);
    expect(after).not.toBe(before);
    const campaignId = randomUUID();
    const subscriptionId = randomUUID();
    expect(emailJobId({ type: 'campaign-opened', campaignId, subscriptionId })).toBe(`campaign-opened.${campaignId}.${subscriptionId}`);
  });

  it('refuses parts that could break the id format', () => {
    expect(() => joinId('a', 'b:c')).toThrow();
    expect(() => joinId('a', 'b.c')).toThrow();
  });
});
