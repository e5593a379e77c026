/** Writes examples/*.ailab from build-examples.ts. Run: `npx tsx examples/make-examples.ts`. */
import { writeFileSync } from 'node:fs';
import { buildExamples, projectFileText } from './build-examples';

for (const { file, project } of buildExamples()) {
  writeFileSync(new URL(file, import.meta.url), projectFileText(project));
  console.log(`[Examples] wrote examples/${file}`);
}
