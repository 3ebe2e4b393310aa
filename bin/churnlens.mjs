#!/usr/bin/env node
// ChurnLens command-line tool. The code is TypeScript shared with the app; tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
try {
  const { runProcess } = await import('../src/cli/main.ts');
  await runProcess();
} catch (e) {
  // Only a broken installation gets here (a source file missing or not compiling): one line, no stack.
  process.stderr.write(`churnlens: internal error: ${String(e?.message ?? e).split('\n')[0]}. Please report it.\n`);
  process.exit(70);
}
