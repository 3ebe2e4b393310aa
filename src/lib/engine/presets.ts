// Named training settings. "recommended" is what a first-time user gets; "mahout" reproduces the
// founding study's Mahout forest; "tree" is one shallow tree whose rules a person can read.
//
// Recommended does NOT balance, measured on the churn fixture (14% churners, 3 seeds, 20% test):
// every criterion / balance / leaf size reaches the same test AUC (0.906–0.916), but the
// probabilities differ. Unbalanced, the mean predicted churn is 0.15 (true 0.14) and recall at
// 0.5 is 0.71. With class weights or a balanced bootstrap plus the prior-shift correction of the
// averaged output, the mean is 0.05–0.09 and recall at 0.5 is 0.12–0.30: deep trees have nearly
// pure leaves, so their average is not the balanced posterior the correction assumes. (A balanced
// bootstrap also leaves few churners out of bag: OOB AUC 0.84 vs 0.91.) Balancing stays available
// and is exact for the single tree (one leaf value, corrected) and as specified for Mahout.
import type { TrainParams } from './types.ts';

export type PresetName = 'recommended' | 'mahout' | 'tree';

export const PRESETS: Record<PresetName, TrainParams> = {
  recommended: {
    mode: 'forest',
    trees: 100,
    mtry: 'sqrt',
    criterion: 'entropy',
    maxDepth: 0,
    minLeaf: 5,
    minSplit: 10,
    minGain: 0,
    balance: 'none',
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
