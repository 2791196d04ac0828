import { describe, expect, test } from 'vitest';
import { upstreamHeaders } from './forward.js';

describe('upstreamHeaders', () => {
  test('names the upstream host, drops protocol changes and keeps everything else as sent', () => {
    const raw = [
      'Host',
      '127.0.0.1:5000',
      'X-Tag',
      'a',
      'Upgrade',
      'h2c',
      'x-tag',
      'b',
      'Proxy-Connection',
      'x',
    ];
    expect(upstreamHeaders(raw, 'api.example:443')).toEqual([
      'Host',
      'api.example:443',
      'X-Tag',
      'a',
      'x-tag',
      'b',
    ]);
  });

  test('adds a host when the client sent none', () => {
    expect(upstreamHeaders(['Accept', '*/*'], 'api.example')).toEqual([
      'Accept',
      '*/*',
      'host',
      'api.example',
    ]);
  });
});
