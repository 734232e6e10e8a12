import { DomainError, ErrorCode } from '@birgemiz/errors';
import { TimeoutError } from 'rxjs';
import { toDomainError } from './request-reply-client';

describe('toDomainError', () => {
  it('turns a timeout into SERVICE_TIMEOUT with a retry hint', () => {
    const error = toDomainError(new TimeoutError(), 'news.health.ping', 1500);
    expect(error.code).toBe(ErrorCode.ServiceTimeout);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).toContain('1500 ms');
  });

  it('turns broker trouble into SERVICE_UNAVAILABLE', () => {
    const kafkaError = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    expect(toDomainError(kafkaError, 'p', 1).code).toBe(ErrorCode.ServiceUnavailable);
    const unassigned = Object.assign(new Error('The client consumer did not subscribe to the corresponding reply topic'), {
      name: 'InvalidKafkaClientTopicException',
    });
    expect(toDomainError(unassigned, 'p', 1).code).toBe(ErrorCode.ServiceUnavailable);
  });

  it('restores a service’s domain error from the wire', () => {
    const wire = new DomainError(ErrorCode.Conflict, 'taken').toWire();
    const error = toDomainError(wire, 'p', 1);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.Conflict);
  });

  it('treats anything else as INTERNAL', () => {
    expect(toDomainError({ status: 'error', message: 'Internal server error' }, 'p', 1).code).toBe(ErrorCode.Internal);
    expect(toDomainError(new TypeError('x is undefined'), 'p', 1).code).toBe(ErrorCode.Internal);
  });
});
