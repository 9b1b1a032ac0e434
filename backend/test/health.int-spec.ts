import { Client, startTestApp } from './support/test-app';

describe('GET /api/health when the database is gone', () => {
  it('answers 503 with status unavailable', async () => {
    const t = await startTestApp();
    const client = new Client(t.baseUrl);
    expect((await client.request('GET', '/api/health')).status).toBe(200);
    // Close the app's own pool: every query now fails, as when the server is down.
    await t.dataSource.destroy();
    const reply = await client.request<{ status: string; database: string }>('GET', '/api/health');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ status: 'unavailable', database: 'down' });
    await t.app.close();
  });
});
