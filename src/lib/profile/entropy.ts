// Entropy and information gain (in bits) from class counts per group, as in ID3.

/** Entropy of a two-class split with `pos` positives among `n`. */
export function binaryEntropy(pos: number, n: number): number {
  if (n <= 0 || pos <= 0 || pos >= n) return 0;
  const p = pos / n;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/**
 * H(Y) − Σ_g (n_g / n) H(Y | g) for groups with `labelled[g]` rows, `positives[g]` of them churners.
 */
export function informationGain(positives: ArrayLike<number>, labelled: ArrayLike<number>): number {
  let n = 0;
  let pos = 0;
  for (let g = 0; g < labelled.length; g++) { n += labelled[g]; pos += positives[g]; }
  if (n === 0) return 0;
  let conditional = 0;
  for (let g = 0; g < labelled.length; g++) if (labelled[g] > 0) conditional += (labelled[g] / n) * binaryEntropy(positives[g], labelled[g]);
  return Math.max(0, binaryEntropy(pos, n) - conditional);
}

/**
 * AUC of groups scored by their own churn rate (groups with a higher rate ranked above):
 * the probability that a random churner's group has a higher rate than a random stayer's, ties ½.
 */
export function groupedAuc(positives: ArrayLike<number>, labelled: ArrayLike<number>): number {
  const idx: number[] = [];
  for (let g = 0; g < labelled.length; g++) if (labelled[g] > 0) idx.push(g);
  idx.sort((a, b) => positives[a] / labelled[a] - positives[b] / labelled[b]);
  let negBelow = 0;
  let u = 0;
  let P = 0;
  let N = 0;
  for (let i = 0; i < idx.length; ) {
    const rate = positives[idx[i]] / labelled[idx[i]];
    let cp = 0;
    let cn = 0;
    while (i < idx.length && positives[idx[i]] / labelled[idx[i]] === rate) {
      cp += positives[idx[i]];
      cn += labelled[idx[i]] - positives[idx[i]];
      i++;
    }
    u += cp * negBelow + 0.5 * cp * cn;
    negBelow += cn;
    P += cp;
    N += cn;
  }
  return P > 0 && N > 0 ? u / (P * N) : 0.5;
}

/** Mann–Whitney AUC of a numeric score from the churners' and stayers' values, each sorted ascending. */
export function sortedAuc(pos: Float64Array, neg: Float64Array): number {
  const P = pos.length;
  const N = neg.length;
  if (P === 0 || N === 0) return 0.5;
  let u = 0;
  let i = 0; // into neg
  let j = 0; // into pos
  while (j < P) {
    const v = pos[j];
    let cp = 0;
    while (j < P && pos[j] === v) { cp++; j++; }
    while (i < N && neg[i] < v) i++;
    let k = i;
    while (k < N && neg[k] === v) k++;
    u += cp * i + 0.5 * cp * (k - i);
  }
  return u / (P * N);
}
