#!/usr/bin/env node
// The `ailab` command. The host is TypeScript; tsx loads it without a separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../host/cli/main.ts');
