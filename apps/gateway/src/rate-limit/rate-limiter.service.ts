import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '../tokens';

/** Fixed-window counter in Redis: INCR and set the window's expiry on the first hit, atomically. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('TTL', KEYS[1]) }
`;

export interface RateLimit {
  /** Namespace of the limit, e.g. `login:ip`. */
  scope: string;
  /** What is limited (an address, an e-mail); hashed before it reaches Redis. */
  subject: string;
  limit: number;
  windowSeconds: number;
}

@Injectable()
export class RateLimiterService {
  private readonly logger = new Logger(RateLimiterService.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Counts one hit against every limit and throws RATE_LIMITED (429 with Retry-After) when one is exceeded.
   * If Redis itself is unreachable the request is let through (logged): losing the limiter must not take
   * sign-in down with it; the account lock-out in the volunteers service still applies.
   */
  async hit(limits: RateLimit[]): Promise<void> {
    let results: [number, number][];
    try {
      results = (await Promise.all(
        limits.map((l) => this.redis.eval(HIT_SCRIPT, 1, keyOf(l), String(l.windowSeconds))),
      )) as [number, number][];
    } catch (error) {
      this.logger.warn({ msg: 'rate limiter unavailable; request allowed', err: error });
      return;
    }
    results.forEach(([count, ttl], index) => {
      if (count > limits[index].limit) {
        throw new DomainError(ErrorCode.RateLimited, `rate limit ${limits[index].scope} exceeded`, {
          retryAfterSeconds: Math.max(1, ttl),
        });
      }
    });
  }
}

function keyOf(limit: RateLimit): string {
  const digest = createHash('sha256').update(limit.subject).digest('base64url').slice(0, 22);
  return `birgemiz:gateway:rl:${limit.scope}:${digest}`;
}
