import type { Job } from 'bullmq';
import type { NewsletterJobData } from '../notification-jobs';
import { digestDayOf } from './newsletter.processor';

type DigestJob = Pick<Job<NewsletterJobData>, 'id' | 'data' | 'opts' | 'timestamp' | 'delay'>;
const scheduledData: NewsletterJobData = { kind: 'digest-fanout', day: '' };

describe('digestDayOf', () => {
  const firesAt = Date.parse('2026-03-11T03:00:00Z');
  // The job of the 11 March run is created while the 10 March run starts.
  const createdAt = Date.parse('2026-03-10T03:00:00.120Z');

  it('uses the day given in the job data', () => {
    expect(digestDayOf({ id: 'digest-fanout.2026-01-02', data: { kind: 'digest-fanout', day: '2026-01-02' }, opts: {}, timestamp: createdAt, delay: 0 } as DigestJob)).toBe('2026-01-02');
  });

  it('a scheduled run is for the day it fires, not the day BullMQ created its job', () => {
    const job = { id: `repeat:daily-digest:${firesAt}`, data: scheduledData, opts: { prevMillis: firesAt }, timestamp: createdAt, delay: firesAt - createdAt };
    expect(digestDayOf(job as DigestJob)).toBe('2026-03-11');
    // Promoted (delay reset to 0) and without prevMillis: the id still names the planned time.
    expect(digestDayOf({ ...job, opts: {}, delay: 0 } as DigestJob)).toBe('2026-03-11');
    // Neither: creation time plus delay.
    expect(digestDayOf({ ...job, id: 'other', opts: {} } as DigestJob)).toBe('2026-03-11');
  });
});
