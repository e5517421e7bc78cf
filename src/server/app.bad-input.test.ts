import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../test/api-test-app.ts';

type Answer = { status: number; code: string | undefined; message: string | undefined };

/**
 * Inputs a new user sends by hand (curl, a typo in the URL bar, a script): each must be a 4xx
 * whose body is { error: { code, message } } and whose message names what to fix.
 */
describe('bad input answers 4xx with a message', () => {
  let api: ApiTestApp;
  beforeAll(async () => {
    api = await buildApiTestApp();
  });
  afterAll(async () => api?.close());

  async function send(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: { type: string; text: string },
  ): Promise<Answer> {
    const response = await api.app.inject({
      method,
      url,
      ...(body ? { headers: { 'content-type': body.type }, payload: body.text } : {}),
    });
    const json = response.json() as { error?: { code?: string; message?: string } };
    return { status: response.statusCode, code: json.error?.code, message: json.error?.message };
  }
  const json = (text: string) => ({ type: 'application/json', text });

  it.each([
    ['/api/issues?q=a%00b', /q must not contain NUL/],
    ['/api/issues?label=a%00b', /label must not contain NUL/],
    ['/api/issues?author=a%00b', /author must not contain NUL/],
    ['/api/search?q=a%00b', /q must not contain NUL/],
  ])('NUL in a query parameter: %s', async (url, message) => {
    expect(await send('GET', url)).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(message),
    });
  });

  it.each(['1e3', '0x10', '%201', '1.0', '+1', '-1', '01', '99999999999999999999', 'abc'])(
    'an id that is not plain decimal digits: /api/issues/%s',
    async (id) => {
      expect(await send('GET', `/api/issues/${id}`)).toMatchObject({
        status: 400,
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/params\.id: id must be a whole number like 42/),
      });
      expect((await send('GET', `/api/repos/${id}`)).status).toBe(400);
    },
  );

  it('an id past what JSON numbers hold exactly is a 400; an unknown one a 404', async () => {
    expect(await send('GET', '/api/issues/9007199254740993')).toMatchObject({
      status: 400,
      message: expect.stringMatching(/id is too large/),
    });
    expect(await send('GET', '/api/issues/2147483648')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await send('POST', '/api/issues/1/duplicates/1e3', json('{"decision":"confirm"}'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/params\.otherId/),
    });
  });

  it('a body that is not JSON is a 415 that says to send JSON', async () => {
    expect(
      await send('POST', '/api/repos', { type: 'text/plain', text: 'octocat/hello-world' }),
    ).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/"text\/plain" is not accepted.*Content-Type: application\/json/),
    });
    expect((await send('POST', '/api/repos/1/sync', { type: 'text/plain', text: 'now' })).status).toBe(415);
    expect(
      (
        await send('PUT', '/api/concepts/extensions', {
          type: 'application/x-www-form-urlencoded',
          text: 'extensions=',
        })
      ).status,
    ).toBe(415);
  });

  it('fullName of the wrong type says it must be a string; a missing one that it is required', async () => {
    expect(await send('POST', '/api/repos', json('{"fullName":123}'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body\.fullName: fullName must be a string/),
    });
    expect(await send('POST', '/api/repos', json('{}'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body\.fullName: fullName is required/),
    });
    expect(await send('POST', '/api/repos', json('{"fullname":"a/b"}'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/Unrecognized key: "fullname"/),
    });
  });

  it('bodies that are not objects, not JSON, empty, or carry __proto__ are 400s that say so', async () => {
    expect(await send('POST', '/api/repos', json('[]'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body: must be a JSON object/),
    });
    expect(await send('POST', '/api/repos', json('{"fullName":'))).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^the body is not valid JSON/),
    });
    expect(await send('POST', '/api/repos', json(''))).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/the body is empty/),
    });
    expect(
      await send('POST', '/api/repos', json('{"fullName":"a/b","__proto__":{"admin":true}}')),
    ).toMatchObject({ status: 400, message: expect.stringMatching(/"__proto__" key/) });
    expect(
      await send('PUT', '/api/concepts/extensions', json('{"extensions":[],"constructor":{"prototype":{}}}')),
    ).toMatchObject({ status: 400, message: expect.stringMatching(/"constructor\.prototype" key/) });
    expect(
      await send('POST', '/api/issues/1/duplicates/2', json('{"decision":"confirm","by":"a\\u0000b"}')),
    ).toMatchObject({ status: 400, message: expect.stringMatching(/by must not contain NUL/) });
  });

  it.each([
    ['limit=-1', /limit must be a whole number from 1 to 100/],
    ['limit=1000', /limit must be a whole number from 1 to 100/],
    ['limit=1e400', /limit must be a whole number/],
    ['limit=0x10', /limit must be a whole number/],
    ['limit=', /limit must be a whole number/],
    ['limit=10&limit=20', /limit must be a whole number/],
    ['minGfi=', /minGfi must be a number from 0 to 1/],
    ['minGfi=NaN', /minGfi must be a number/],
    ['minGfi=2', /minGfi must be a number from 0 to 1/],
    ['state=maybe', /querystring\.state/],
    ['sort=best', /querystring\.sort/],
    ['facets=yes', /querystring\.facets/],
    ['createdFrom=1', /createdFrom must be an ISO-8601 date/],
    ['createdFrom=2024-02-30', /createdFrom must be an ISO-8601 date/],
    ['updatedTo=March%207', /updatedTo must be an ISO-8601 date/],
    ['createdTo=99999-01-01', /createdTo must be an ISO-8601 date/],
    [`q=${'x'.repeat(501)}`, /q is at most 500 characters/],
    [`author=${'x'.repeat(101)}`, /author is at most 100 characters/],
    ['lable=bug', /Unrecognized key: "lable"/],
    ['__proto__=x', /Unrecognized key: "__proto__"/],
  ])('GET /api/issues?%s', async (query, message) => {
    expect(await send('GET', `/api/issues?${query}`)).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(message),
    });
  });

  it.each(['q=%', 'q=100%', 'q=%E0%A4%A', 'q=%FF%FE', 'q=%ED%A0%80'])(
    'a query string that is not percent-encoded UTF-8: %s',
    async (query) => {
      expect(await send('GET', `/api/search?${query}`)).toMatchObject({
        status: 400,
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/not valid percent-encoded UTF-8/),
      });
    },
  );

  it('a path that is not percent-encoded UTF-8 answers in the same shape', async () => {
    expect(await send('GET', '/api/issues/%FF')).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/URL path/),
    });
  });

  it('valid input still works: ISO dates with times and zones, decimal limits and scores', async () => {
    const response = await api.app.inject({
      url: '/api/issues?createdFrom=2024-03-01T00:00:00.000Z&createdTo=2024-12-31T23:59:59%2B02:00&limit=3&minGfi=0.5&label=bug&author=alice',
    });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect((await api.app.inject({ url: `/api/issues/${api.seeded.issueIds[0]}` })).statusCode).toBe(200);
  });
});
