import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rejectNul } from './reject-nul.js';

const app = new Hono();
app.use('/api/*', rejectNul());
app.post('/api/echo', async (c) => c.json(await c.req.json()));
app.get('/api/echo/:id', (c) => c.json({ id: c.req.param('id') }));

const post = (body: string) =>
  app.request('/api/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('rejectNul', () => {
  it.each([
    ['an escaped NUL in a value', '{"name":"a\\u0000b"}'],
    ['an escaped NUL in a key', '{"a\\u0000":1}'],
    ['an escaped NUL after an escaped backslash', '{"name":"\\\\\\u0000"}'],
    ['a raw NUL', '{"name":"a\u0000b"}'],
  ])('refuses %s with 422', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(422);
  });

  it('keeps a literal backslash-u0000 text (an escaped backslash) and lets the body be read again', async () => {
    const res = await post('{"name":"\\\\u0000"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: '\\u0000' });
  });

  it('refuses %00 in the path or query', async () => {
    expect((await app.request('/api/echo/a%00b')).status).toBe(422);
    expect((await app.request('/api/echo/a?x=%00')).status).toBe(422);
    expect((await app.request('/api/echo/a%2500')).status).toBe(200);
  });
});
