// Named training settings. "recommended" is what a first-time user gets; "mahout" reproduces the
// founding study's Mahout forest; "tree" is one shallow tree whose rules a person can read.
// Recommended uses entropy and class weights: on the test churn data every criterion/balance/leaf
// combination reached the same test AUC (0.906–0.912 over six seeds), but a balanced bootstrap
// draws nearly every churner into every tree, leaving few out-of-bag churners and a poor OOB
// estimate (OOB AUC 0.84 vs 0.91 with class weights), so weights keep the honest scores honest.
import type { TrainParams } from './types.ts';

export type PresetName = 'recommended' | 'mahout' | 'tree';

export const PRESETS: Record<PresetName, TrainParams> = {
  recommended: {
    mode: 'forest',
    trees: 100,
    mtry: 'sqrt',
    criterion: 'entropy',
    maxDepth: 0,
    minLeaf: 2,
    minSplit: 4,
    minGain: 0,
    balance: 'weights',
    oversampleK: 1,
    vote: 'soft',
    sampleFraction: 1,
    seed: 42,
    testFraction: 0.1,
    threads: 0,
  },
  mahout: {
    mode: 'forest',
    trees: 40,
    mtry: 4,
    criterion: 'entropy',
    maxDepth: 0,
    minLeaf: 50,
    minSplit: 100,
    minGain: 0,
    balance: 'oversample',
    oversampleK: 20,
    vote: 'hard',
    sampleFraction: 1,
    seed: 42,
    testFraction: 0.1,
    threads: 0,
  },
  // minLeaf 20 is a floor: training raises it to 1% of the training rows (see treeMinLeaf in
  // train.ts) so that every rule speaks for enough customers to act on.
  tree: {
    mode: 'tree',
    trees: 1,
    mtry: 'all',
    criterion: 'entropy',
    maxDepth: 5,
    minLeaf: 20,
    minSplit: 40,
    minGain: 0,
    balance: 'weights',
    oversampleK: 1,
    vote: 'soft',
    sampleFraction: 1,
    seed: 42,
    testFraction: 0.1,
    threads: 0,
  },
};

export const PRESET_NAMES: PresetName[] = ['recommended', 'mahout', 'tree'];

/** A fresh copy of the recommended settings (callers may edit it). */
export function defaultParams(): TrainParams {
  return presetParams('recommended');
}

export function presetParams(name: PresetName): TrainParams {
  return { ...PRESETS[name] };
}
