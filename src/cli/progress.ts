// Training progress on stderr, drawn in place, only when stderr is a terminal: a pipe or a log
// file gets no progress lines, so stdout and stderr stay clean for scripts.
import type { CliContext } from './context.ts';
import type { TrainPhase } from '../lib/engine/train.ts';

export interface ProgressReporter {
  update: (p: TrainPhase) => void;
  done: () => void;
}

export function progressReporter(ctx: CliContext): ProgressReporter {
  if (!ctx.stderrIsTTY) return { update: () => {}, done: () => {} };
  const start = Date.now();
  let drawn = false;
  return {
    update: (p) => {
      const seconds = ((Date.now() - start) / 1000).toFixed(1);
      const what = p.phase === 'training' && p.treesTotal ? `training: ${p.treesDone ?? 0}/${p.treesTotal} trees` : p.phase;
      ctx.stderr(`\r\x1b[2K${what}, ${seconds} s`);
      drawn = true;
    },
    done: () => {
      if (drawn) ctx.stderr('\r\x1b[2K');
    },
  };
}
