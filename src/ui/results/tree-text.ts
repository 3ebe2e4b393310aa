// Branch conditions of a tree node in words, reusing the engine's rule wording.
import type { FeatureSpec, ModelFile, TreeArrays } from '../../lib/engine/types.ts';
import { MISSING_BIN } from '../../lib/engine/types.ts';
import { conditionText, type RuleCondition } from '../../lib/engine/rules.ts';
import { correctProbability, needsCorrection } from '../../lib/engine/base-rate.ts';
import type { Locale } from '../../lib/i18n/index.ts';

/** The condition a row meets when it goes to the left (or right) child of `node`. */
export function branchCondition(tree: TreeArrays, features: FeatureSpec[], node: number, left: boolean): RuleCondition {
  const spec = features[tree.feature[node]];
  const s = tree.split[node];
  const includesMissing = (tree.missingLeft[node] === 1) === left;
  if (spec.kind === 'numeric') return { feature: spec.name, op: left ? '<=' : '>', value: spec.edges[s], includesMissing };
  const cats: string[] = [];
  spec.categories.forEach((c, i) => {
    const b = spec.binOf[i];
    if (b === MISSING_BIN) return;
    const goesLeft = ((tree.catMasks[s + (b >>> 5)] >>> (b & 31)) & 1) === 1;
    if (goesLeft === left) cats.push(c);
  });
  return { feature: spec.name, op: cats.length ? 'in' : 'missing', value: cats, includesMissing };
}

export function branchText(tree: TreeArrays, features: FeatureSpec[], node: number, left: boolean, locale: Locale): string {
  return conditionText(branchCondition(tree, features, node, left), locale);
}

/** Maps a node's churn fraction to the true base rate when the model was trained on balanced data. */
export function rateCorrector(model: ModelFile): (v: number) => number {
  if (!model.baseRateCorrected || !needsCorrection(model.trainedBaseRate, model.trueBaseRate)) return (v) => v;
  return (v) => correctProbability(v, model.trainedBaseRate, model.trueBaseRate);
}
