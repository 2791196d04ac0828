/** `chatproof proxy`: the fault proxy on loopback until Ctrl-C, printing its URL and each attempt. */
import { resolve } from 'node:path';
import { ChatproofError } from '../../errors.js';
import { type Attempt, type Fault, parseFaultSpec, startProxy } from '../../proxy/index.js';
import { faultEnvelope, PROFILES } from '../../simulator/index.js';
import { type CommandContext, EXIT } from '../context.js';

export interface ProxyCommandOptions {
  upstream?: string;
  port?: number;
  fault?: string[];
  log?: string;
}

function line(attempt: Attempt): string {
  const status = attempt.status ?? '---';
  const retry = attempt.retryHeaders['x-stainless-retry-count'];
  const extras = [
    attempt.model,
    retry !== undefined ? `retry ${retry}` : undefined,
    attempt.faults.length > 0 ? attempt.faults.join('+') : undefined,
  ].filter(Boolean);
  return `${attempt.startedAt} ${attempt.route} ${attempt.method} ${attempt.path} ${status} ${attempt.outcome} ${Math.round(attempt.totalMs)}ms${extras.length ? ` (${extras.join(', ')})` : ''}\n`;
}

export async function proxyCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const opts = options as ProxyCommandOptions;
  if (!opts.upstream) throw new ChatproofError('E_USAGE', 'proxy needs --upstream <url>');
  // Injected errors use the CometAPI profile's envelope, the provider this tool reviews first.
  const envelope = faultEnvelope(PROFILES.cometapi);
  const faults: Fault[] = (opts.fault ?? []).map((spec) => parseFaultSpec(spec, { envelope }));
  const proxy = await startProxy({
    upstream: opts.upstream,
    faults,
    port: opts.port ?? 0,
    ...(opts.log ? { log: resolve(context.cwd, opts.log) } : {}),
  });
  if (context.json) context.stdout.write(`${JSON.stringify({ url: proxy.url })}\n`);
  else context.stdout.write(`${proxy.url}\n`);
  if (!context.quiet) {
    context.stderr.write(
      `chatproof proxy: ${proxy.url} → ${opts.upstream}${faults.length ? ` with ${opts.fault!.join(', ')}` : ''}; Ctrl-C stops\n`,
    );
  }
  let shown = 0;
  const timer = setInterval(() => {
    const attempts = proxy.attempts();
    if (!context.quiet) for (const attempt of attempts.slice(shown)) context.stderr.write(line(attempt));
    shown = attempts.length;
  }, 250);
  await new Promise<void>((done) => {
    if (context.signal.aborted) done();
    context.signal.addEventListener('abort', () => done(), { once: true });
  });
  clearInterval(timer);
  await proxy.close();
  if (!context.quiet)
    context.stderr.write(`chatproof proxy: stopped after ${proxy.attempts().length} attempt(s)\n`);
  return EXIT.pass;
}
