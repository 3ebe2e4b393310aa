// Labelled rows scored honestly (held-out or out-of-bag): the only rows the tier defaults may
// learn from, since in-sample scores of training rows look better than they are.
import type { TrainedModel } from '../engine/types.ts';

export function honestLabelled(t: Pick<TrainedModel, 'labels' | 'rowProb' | 'rowProbSource'>): { labels: Uint8Array; probs: Float64Array } {
  const n = t.labels.length;
  let k = 0;
  for (let r = 0; r < n; r++) if (t.labels[r] !== 255 && t.rowProbSource[r] !== 0) k++;
  // No honest rows (single tree without a test set): fall back to every labelled row.
  const useAll = k === 0;
  if (useAll) for (let r = 0; r < n; r++) if (t.labels[r] !== 255) k++;
  const labels = new Uint8Array(k);
  const probs = new Float64Array(k);
  let j = 0;
  for (let r = 0; r < n; r++) {
    if (t.labels[r] === 255 || (!useAll && t.rowProbSource[r] === 0)) continue;
    labels[j] = t.labels[r];
    probs[j++] = t.rowProb[r];
  }
  return { labels, probs };
}
