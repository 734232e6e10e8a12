import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every webhook delivery. */
export const WEBHOOK_HEADERS = {
  Signature: 'x-birgemiz-signature',
  Timestamp: 'x-birgemiz-timestamp',
  DeliveryId: 'x-birgemiz-delivery',
  Event: 'x-birgemiz-event',
} as const;

/**
 * The documented signature: `v1=` + hex(HMAC-SHA256(secret, `${timestamp}.${body}`)), timestamp in Unix seconds.
 * Receivers recompute it over the raw body and refuse timestamps older than a few minutes (replays).
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; exported for partners' reference and for tests. */
export function verifyWebhookSignature(secret: string, header: string, timestamp: string, body: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookResult {
  status: number;
}

/** A failed delivery: `status` is the endpoint's HTTP answer, absent for a network error or a timeout. */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * POSTs one event to one endpoint; a non-2xx answer or a network error throws a WebhookDeliveryError (the job retries
 * with backoff).
 */
export async function postWebhook(
  endpoint: string,
  secret: string,
  delivery: { id: string; eventType: string; body: string },
  timeoutMs = 10_000,
): Promise<WebhookResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        [WEBHOOK_HEADERS.Signature]: webhookSignature(secret, timestamp, delivery.body),
        [WEBHOOK_HEADERS.Timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.DeliveryId]: delivery.id,
        [WEBHOOK_HEADERS.Event]: delivery.eventType,
      },
      body: delivery.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebhookDeliveryError(`webhook request failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new WebhookDeliveryError(`webhook answered ${response.status}`, response.status);
  return { status: response.status };
}
