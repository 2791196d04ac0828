/**
 * @module checks/traffic/generate-har
 * The generator's HAR 1.2 form: the same seeded records as entries, malformed kinds as broken entries.
 */
import { seededRandom } from '../../simulator/index.js';
import type { Side } from './generate-bodies.js';
import { exchange } from './generate-exchange.js';
import { type GenerateOptions, plan } from './generate-plan.js';

const harHeaders = (headers: Record<string, string>) =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

const harRequestOf = (request: Side) => ({
  method: request.method,
  url: request.url,
  httpVersion: 'HTTP/1.1',
  headers: harHeaders(request.headers),
  queryString: [],
  cookies: [],
  headersSize: -1,
});

/** A HAR 1.2 document, one Buffer per piece (entries one by one). Malformed kinds become broken entries. */
export function* harCapture(options: GenerateOptions): Generator<Buffer> {
  const random = seededRandom(options.seed);
  yield Buffer.from(
    '{"log":{"version":"1.2","creator":{"name":"chatproof-generator","version":"1"},"entries":[\n',
  );
  let first = true;
  for (const kind of plan(options, random)) {
    let entry: unknown;
    if ('malformed' in kind) {
      const { request, response } = exchange({ conforming: 0 }, random, options);
      const harRequest = { ...harRequestOf(request), bodySize: -1 };
      switch (kind.malformed) {
        case 'no-response':
          entry = { startedDateTime: '2026-12-01T00:00:00.000Z', time: 1, request: harRequest };
          break;
        case 'not-a-record':
          entry = random() < 0.5 ? 42 : { note: 'not an entry' };
          break;
        case 'binary-body':
          entry = {
            request: harRequest,
            response: {
              status: 200,
              headers: [],
              content: {
                size: 8,
                mimeType: 'image/png',
                text: Buffer.from([0x89, 0x50, 0, 0, 1, 2, 3, 0]).toString('base64'),
                encoding: 'base64',
              },
            },
          };
          break;
        case 'undecodable-body':
          entry = {
            request: harRequest,
            response: {
              status: 200,
              headers: [{ name: 'content-encoding', value: 'br' }],
              content: { size: 8, mimeType: 'application/json', text: '%%%', encoding: 'base64' },
            },
          };
          break;
        case 'too-large':
          entry = {
            request: { ...harRequest, comment: 'x'.repeat((options.maxRecordBytes ?? 1024 * 1024) + 16) },
            response: { status: 200, headers: [], content: { size: 0, mimeType: 'application/json' } },
          };
          break;
        default:
          // blank, truncated, invalid JSON and bad UTF-8 are line problems; in HAR they stand for a body left out.
          entry = {
            request: harRequest,
            response: {
              status: response.status,
              headers: harHeaders(response.headers),
              content: { size: response.body.length, mimeType: 'application/json' },
            },
          };
      }
    } else {
      const { request, response } = exchange(kind, random, options);
      entry = {
        startedDateTime: '2026-12-01T00:00:00.000Z',
        time: 12,
        request: {
          ...harRequestOf(request),
          bodySize: request.body?.length ?? 0,
          ...(request.body !== undefined
            ? { postData: { mimeType: 'application/json', text: request.body } }
            : {}),
        },
        response: {
          status: response.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: harHeaders(response.headers),
          cookies: [],
          content: {
            size: response.body.length,
            mimeType: response.headers['content-type'] ?? 'application/json',
            text:
              random() < 0.3 && !response.bodyEncoding
                ? Buffer.from(response.body).toString('base64')
                : response.body,
            ...(response.bodyEncoding ? { encoding: 'base64' } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 10, receive: 2 },
      };
      // Base64 chosen above: mark it so.
      const content = (entry as { response: { content: Record<string, unknown> } }).response.content;
      if (content.text !== response.body && !response.bodyEncoding) content.encoding = 'base64';
    }
    yield Buffer.from(`${first ? '' : ',\n'}${JSON.stringify(entry)}`);
    first = false;
  }
  yield Buffer.from('\n]}}\n');
}
