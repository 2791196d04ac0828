#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that stops early (`chatproof … | head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`chatproof: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 70;
  },
);
