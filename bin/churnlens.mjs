#!/usr/bin/env node
// ChurnLens command-line tool. The code is TypeScript shared with the app; tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
const { runProcess } = await import('../src/cli/main.ts');
await runProcess();
