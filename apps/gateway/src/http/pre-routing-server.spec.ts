import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preRoutingServer, type PreRoutingHandler } from './pre-routing-server';

const OPTIONS = { keepAliveTimeout: 72_000, requestTimeout: 30_000, connectionTimeout: 0, maxRequestsPerSocket: 5 };

describe('preRoutingServer', () => {
  let server: Server;
  let preRouting: PreRoutingHandler | undefined;
  const reachedFastify: string[] = [];
  const errors: { message: string; method: string; path: string }[] = [];

  beforeAll(async () => {
    const factory = preRoutingServer(
      () => preRouting,
      (error, request) => errors.push({ message: (error as Error).message, ...request }),
    );
    server = factory((request, response) => {
      reachedFastify.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/plain' }).end('fastify');
    }, OPTIONS) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    reachedFastify.length = 0;
    errors.length = 0;
  });

  const get = async (path: string) => {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}${path}`);
    return answer.text();
  };

  it('applies the timeouts and limits Fastify gives its own server', () => {
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.maxRequestsPerSocket).toBe(5);
  });

  it('sends every request to Fastify while there is no pre-routing handler yet', async () => {
    preRouting = undefined;
    expect(await get('/a')).toBe('fastify');
    expect(reachedFastify).toEqual(['/a']);
  });

  it('keeps what the handler answers away from Fastify and hands on what it declines', async () => {
    preRouting = (request, response) => {
      if (request.url !== '/fast') return false;
      response.writeHead(200).end('fast');
      return true;
    };
    expect(await get('/fast')).toBe('fast');
    expect(await get('/slow')).toBe('fastify');
    expect(reachedFastify).toEqual(['/slow']);
  });

  it('hands a request on to Fastify when the handler throws before writing anything', async () => {
    preRouting = () => {
      throw new Error('broken entry');
    };
    expect(await get('/throws?token=secret')).toBe('fastify');
    expect(reachedFastify).toEqual(['/throws?token=secret']);
    expect(errors).toEqual([{ message: 'broken entry', method: 'GET', path: '/throws' }]);
  });

  it('reports nothing for requests the handler answers or declines', async () => {
    preRouting = (request, response) => {
      if (request.url !== '/fast') return false;
      response.writeHead(200).end('fast');
      return true;
    };
    await get('/fast');
    await get('/slow');
    expect(errors).toEqual([]);
  });
});
