// The practical limit of one JavaScript thread over a JSON Lines capture: read the file line by line and
// JSON.parse each line and each body (a JSON body once, an event stream's data lines one by one), nothing else.
// Used by traffic.bench.mjs as the side-by-side baseline. Prints records, bytes, wall and CPU ms and peak RSS on stdout.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const cpu = process.cpuUsage();
const file = process.argv[2];
let records = 0;
let bytes = 0;
let carry = '';
const parseBody = (body) => {
  if (typeof body !== 'string' || body === '') return;
  if (body.startsWith('data:')) {
    for (const line of body.split('\n')) {
      if (line.startsWith('data: ') && line !== 'data: [DONE]') JSON.parse(line.slice(6));
    }
  } else if (body.startsWith('{') || body.startsWith('[')) JSON.parse(body);
};
const line = (text) => {
  records += 1;
  if (text === '') return;
  try {
    const record = JSON.parse(text);
    parseBody(record.request?.body);
    parseBody(record.response?.body);
  } catch {}
};
for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
  bytes += chunk.length;
  const text = carry + chunk.toString('utf8');
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) break;
    line(text.slice(start, end));
    start = end + 1;
  }
  carry = text.slice(start);
}
if (carry !== '') line(carry);
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    records,
    bytes,
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
