import { forceDropDatabase } from './databases';

function clientFailing(times: number, code: string) {
  const calls: string[] = [];
  return {
    calls,
    query: async (sql: string) => {
      calls.push(sql);
      if (calls.length <= times) throw Object.assign(new Error('cannot terminate'), { code });
      return {};
    },
  };
}

describe('forceDropDatabase', () => {
  it('tries again while a session it may not end (an autovacuum worker) holds the database', async () => {
    const client = clientFailing(2, '42501');
    await forceDropDatabase(client as never, 'birgemiz_t_x');
    expect(client.calls).toEqual(Array(3).fill('DROP DATABASE IF EXISTS "birgemiz_t_x" WITH (FORCE)'));
  });

  it('gives up after the attempts, and at once on any other error', async () => {
    const stuck = clientFailing(99, '42501');
    await expect(forceDropDatabase(stuck as never, 'birgemiz_t_x', 2)).rejects.toMatchObject({ code: '42501' });
    expect(stuck.calls).toHaveLength(2);
    const other = clientFailing(1, '3D000');
    await expect(forceDropDatabase(other as never, 'birgemiz_t_x')).rejects.toMatchObject({ code: '3D000' });
    expect(other.calls).toHaveLength(1);
  });

  it('refuses a name that is not a plain identifier', async () => {
    await expect(forceDropDatabase(clientFailing(0, '') as never, 'x"; DROP TABLE y; --')).rejects.toThrow('bad database name');
  });
});
