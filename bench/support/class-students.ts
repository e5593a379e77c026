/**
 * Child process of bench/classroom.bench.ts: joins `count` students to the class at `url` (each a ClassClient with
 * its own data folder, over real sockets), reports `ready`, then `installed <n>` as units land, and sends one
 * progress report a second per student while `chatter` is set (background load for the dashboard latency figure).
 *   node --import tsx bench/support/class-students.ts <url> <joinCode> <count> <prefix> <dataRoot> [chatter]
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ClassClient } from '../../host/classroom/class-client';

const [url, joinCode, countText, prefix, dataRoot, chatter] = process.argv.slice(2) as [string, string, string, string, string, string?];
const count = Number(countText);
const clients: ClassClient[] = [];
let installed = 0;
for (let i = 0; i < count; i++) {
  const dataDir = join(dataRoot, `${prefix}-${i}`);
  await fs.mkdir(dataDir, { recursive: true });
  const client = await ClassClient.join({ url, joinCode, nickname: `${prefix}-${i}`, dataDir });
  client.on((e) => {
    if (e.type === 'installed' || e.type === 'installFailed') process.stdout.write(`installed ${++installed}\n`);
  });
  clients.push(client);
}
process.stdout.write('ready\n');
if (chatter) {
  let step = 0;
  setInterval(() => {
    step++;
    for (const c of clients) void c.progress({ unitId: 'bench', lessonId: 'l1', stepId: `s${step}`, checks: [] });
  }, 1000);
}
process.stdin.on('data', () => undefined);
process.stdin.on('end', async () => {
  await Promise.all(clients.map((c) => c.close()));
  process.exit(0);
});
