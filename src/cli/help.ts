/** The longer help texts of `chatproof --help` and its commands, kept apart from the argv parsing. */

import { DIFF_RULES } from '../diff/rules.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0   pass          every contract area is sourced, implemented and validated
  1   fail          a rule of the review failed (see the packet's reasons)
  2   escalate      observed behaviour differs from the documented source
  64  usage/input   bad arguments or an invalid input file (file:line:col in the message)
  70  internal      a bug in chatproof; please report it
  73  cannot create an output file or folder (read-only folder, disk full, name too long); nothing sent.
                    Also when a review wrote its packet but could not write the history store
  130 interrupted   Ctrl-C; a partial packet marked incomplete was written
  143 terminated    SIGTERM; as for Ctrl-C, a partial packet marked incomplete was written`;

export const STORE_FLAG = '--store <path|url>';
export const STORE_HELP =
  'review history: a SQLite file or a postgres:// URL (default: CHATPROOF_STORE, else .chatproof/history.db beside the ledger)';

/** Every grading rule, by grade, from the one table that defines them. */
export const DIFF_HELP = `\nEach change is graded by one rule; exit 1 when any change is breaking.\n${(
  ['breaking', 'warning', 'info'] as const
)
  .map(
    (grade) =>
      `\n${grade}:\n${Object.entries(DIFF_RULES)
        .filter(([, rule]) => rule.grade === grade)
        .map(([id, rule]) => `  ${id.padEnd(27)}${rule.says}`)
        .join('\n')}`,
  )
  .join(
    '\n',
  )}\n\n--json prints {base, head, summary, changes[]}; --format md prints the Markdown table the packet uses.`;

export const AUDIT_HELP = `
The command runs once per scenario with CHATPROOF_BASE_URL and OPENAI_BASE_URL (and the variable the
ledger's base-URL clause names) pointing at the proxy. Any language works:
  chatproof audit-client --simulator -- node examples/openai-client.mjs
  chatproof audit-client --upstream https://api.example.com/v1 -- python app/check.py

Attempts are counted per logical call: one request the client means to make, with its retries. In the
table, "json 2 (1004) · stream 1" is a JSON call sent twice, 1004 ms apart, then a streaming call sent once.
In --json, audit.scenarios[].attempts is the most requests any one call took (1 = nothing retried),
delaysMs[] every wait before a retry, calls[] each call's attempts and waits, totalAttempts every request.`;

export const TRAFFIC_HELP = `
One exchange per JSON Lines line: {"request":{"method","url","headers","body"},"response":{"status","headers","body"}};
a body is text or a JSON value (bodyEncoding: "base64" for bytes); HAR 1.2 exports work as they are.
  chatproof audit-traffic capture.jsonl --json
  chatproof audit-traffic export.har --out evidence/
  gunzip -c big.jsonl.gz | chatproof audit-traffic - --shard 2/8 --json > part-2.json
  chatproof audit-traffic --merge part-*.json --out evidence/
Exit 2 if any exchange contradicts the ledger, 1 if something is not handled, not run or nothing was judged.`;

export const SCAN_HELP = `
Reads TypeScript, JavaScript, Python, Go and Java through their syntax trees (comments are never read) and
YAML, JSON, .env and .properties files through their parsers. Skips documentation, tests and fixtures,
node_modules, vendored code and whatever .gitignore ignores. With a ledger (--ledger, or ./chatproof.yaml
when it exists), a finding is traceable when its clause's implementation evidence names its file and line
(within 3 lines), and every implementation location is checked: verified, not found or not checked.
Exit 0 when nothing untraceable was found, 1 for an untraceable hard-coded endpoint, auth header or secret,
64 for bad usage.
  chatproof scan services/checkout --format sarif --out scan.sarif`;

export const REVIEW_HELP = `
Without --repo, the implementation locations the ledger names are taken as written: the packet carries the
qualifier implementation-not-verified. With --repo <dir>, the code scan (as chatproof scan) runs on that folder:
an untraceable hard-coded endpoint, auth header or secret fails the review, a location that does not hold its
clause's value is a finding, and the clause table shows each location as verified, not found or not checked.
  chatproof review --repo . --out review/
  chatproof review --simulator --repo services/checkout`;
