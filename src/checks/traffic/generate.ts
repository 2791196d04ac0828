/**
 * @module checks/traffic/generate
 * A seeded generator of captures in the `openai` simulator profile's contract: conforming exchanges (JSON and
 * streamed completions, documented errors, model lists) with planted drifts and malformed records at exact
 * counts, as JSON Lines or HAR. Tests and the benchmark use it; the same seed gives the same bytes.
 */
import { seededRandom } from '../../simulator/index.js';
import { exchange } from './generate-exchange.js';
import { malformedLine } from './generate-malformed.js';
import { type GenerateOptions, type Planted, plan, planted } from './generate-plan.js';

export { harCapture } from './generate-har.js';
export {
  type Drift,
  GENERATED_MODEL,
  type GenerateOptions,
  MALFORMED,
  type Malformed,
  PLANTED,
  type Planted,
} from './generate-plan.js';

/** JSON Lines, one Buffer per line (newline included). */
export function* jsonlCapture(options: GenerateOptions): Generator<Buffer> {
  const random = seededRandom(options.seed);
  for (const kind of plan(options, random)) {
    const line =
      'malformed' in kind
        ? malformedLine(kind.malformed, random, options)
        : Buffer.from(JSON.stringify(exchange(kind, random, options)));
    yield Buffer.concat([line, Buffer.from('\n')]);
  }
}

/** The counts `jsonlCapture` / `harCapture` plant for `options`. */
export function plantedCounts(options: GenerateOptions): Planted {
  return planted(options);
}
