/**
 * `chatproof demo` is repeatable: two runs, one after the other and each keeping its history, give byte-identical
 * packets in every rendering once times, durations, ports and made-up ids are masked. Two full demos (each
 * audits the example client through two dozen scenarios), so it runs in the soak tier.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { maskPacket, RENDERERS } from '../src/report/index.js';
import { runCli } from './helpers/cli.js';

const dir = await mkdtemp(join(tmpdir(), 'cp-demo-twice-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('two runs give byte-identical packets once times, durations, ports and made-up ids are masked', async () => {
  const env = { ...process.env, NO_COLOR: '1', CHATPROOF_SIM_KEY: '', CHATPROOF_STORE: '' };
  const rendered: string[][] = [];
  for (const name of ['first', 'second']) {
    const out = join(dir, name);
    const run = await runCli(['demo', '--out', out, '--quiet'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    // The output folder is an input of the run; name it the same way for both.
    const text = (await readFile(join(out, 'packet.json'), 'utf8')).replaceAll(out, '<OUT>');
    const packet = maskPacket(JSON.parse(text));
    rendered.push(Object.values(RENDERERS).map(({ render }) => render(packet)));
  }
  expect(rendered[1]).toEqual(rendered[0]);
}, 240_000);
