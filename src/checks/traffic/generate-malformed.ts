/**
 * @module checks/traffic/generate-malformed
 * One malformed JSON Lines record per skip reason: each is built to be skipped under exactly that reason.
 */
import type { Random } from '../../simulator/index.js';
import { exchange } from './generate-exchange.js';
import type { GenerateOptions, Malformed } from './generate-plan.js';

export function malformedLine(reason: Malformed, random: Random, options: GenerateOptions): Buffer {
  const valid = () => exchange({ conforming: 0 }, random, options);
  switch (reason) {
    case 'blank':
      return Buffer.from(random() < 0.5 ? '' : '   \t');
    case 'truncated': {
      const line = JSON.stringify(valid());
      const room = Math.min(line.length, options.maxRecordBytes ?? 1024 * 1024) - 2;
      return Buffer.from(line.slice(0, 1 + Math.floor(random() * room)));
    }
    case 'invalid-json':
      return Buffer.from(
        ['{request: nope}', '{"request": }', 'not json', '{"a":1}}', "{'single':'quotes'}"][
          Math.floor(random() * 5)
        ] as string,
      );
    case 'not-utf8':
      return Buffer.concat([
        Buffer.from('{"request":{"url":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}}'),
      ]);
    case 'not-a-record':
      return Buffer.from(
        [
          '[1,2,3]',
          '"text"',
          '42',
          'null',
          '{"foo":1}',
          '{"request":{"url":5}}',
          '{"request":{"url":"/x"},"response":{"status":"ok"}}',
          '{"request":{"url":"/x","headers":[1]},"response":{"status":200}}',
        ][Math.floor(random() * 8)] as string,
      );
    case 'no-response': {
      const { request } = valid();
      return Buffer.from(JSON.stringify({ request }));
    }
    case 'binary-body': {
      const { request } = valid();
      const bytes = Buffer.from(
        Array.from({ length: 64 }, (_, i) => (i % 7 === 0 ? 0 : Math.floor(random() * 256))),
      );
      return Buffer.from(
        JSON.stringify({
          request,
          response: {
            status: 200,
            headers: { 'content-type': 'image/png' },
            body: bytes.toString('base64'),
            bodyEncoding: 'base64',
          },
        }),
      );
    }
    case 'undecodable-body': {
      const { request } = valid();
      const body =
        random() < 0.5 ? '@@not base64@@' : Buffer.from('not gzip at all \u0001').toString('base64');
      return Buffer.from(
        JSON.stringify({
          request,
          response: { status: 200, headers: { 'content-encoding': 'gzip' }, body, bodyEncoding: 'base64' },
        }),
      );
    }
    case 'too-large': {
      const { request, response } = valid();
      const pad = 'x'.repeat((options.maxRecordBytes ?? 1024 * 1024) + 16);
      return Buffer.from(
        JSON.stringify({ request: { ...request, headers: { ...request.headers, 'x-pad': pad } }, response }),
      );
    }
  }
}
