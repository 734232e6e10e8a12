import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '../tokens';

/**
 * Fixed-window counters in Redis: for every key, INCR and set the window's expiry (ARGV[i]) on the first hit,
 * atomically; answers count and TTL of each key. All the limits of one request in one EVALSHA round trip.
 */
const HIT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  out[#out + 1] = count
  out[#out + 1] = redis.call('TTL', key)
end
return out
`;
const COMMAND = 'birgemizRateLimitHit';

type HitCommand = (numberOfKeys: number, ...keysAndWindows: string[]) => Promise<number[]>;

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

  private readonly hitCommand: HitCommand;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    // ioredis sends EVALSHA and falls back to EVAL once when the script is not cached in Redis.
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: HIT_SCRIPT });
    const command = (redis as unknown as Record<string, HitCommand>)[COMMAND];
    this.hitCommand = command.bind(redis);
  }

  /**
   * Counts one hit against every limit and throws RATE_LIMITED (429 with Retry-After) when one is exceeded.
   * If Redis itself is unreachable the request is let through (logged): losing the limiter must not take
   * sign-in down with it; the account lock-out in the volunteers service still applies.
   */
  async hit(limits: RateLimit[]): Promise<void> {
    if (limits.length === 0) return;
    let results: [number, number][];
    try {
      const flat = await this.hitCommand(limits.length, ...limits.map(keyOf), ...limits.map((l) => String(l.windowSeconds)));
      results = limits.map((_, i) => [Number(flat[2 * i]), Number(flat[2 * i + 1])]);
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
