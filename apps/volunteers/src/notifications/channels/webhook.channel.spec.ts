import { createHmac } from 'node:crypto';
import { verifyWebhookSignature, webhookSignature } from './webhook.channel';

describe('webhook signatures', () => {
  const secret = 'partner-secret-0123456789abcdef0123456789';
  const body = '{"id":"1","type":"kz.birgemiz.news.article.published"}';

  it('is v1= hex HMAC-SHA256 of "<timestamp>.<body>" (the documented algorithm)', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature(secret, 1700000000, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1700000000;
    const signature = webhookSignature(secret, now, body);
    expect(verifyWebhookSignature(secret, signature, String(now), body, now + 10)).toBe(true);
    expect(verifyWebhookSignature(secret, signature, String(now), `${body} `, now)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, signature, String(now), body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, signature, String(now), body, now + 301)).toBe(false);
  });
});
