import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeSuite } from './store-suite.js';

const dir = await mkdtemp(join(tmpdir(), 'chatproof-store-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let n = 0;

storeSuite('sqlite', async () => join(dir, `h${++n}`, 'history.db'));
