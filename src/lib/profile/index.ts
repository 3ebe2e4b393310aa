// Public entry of the profile layer.
export { profileTable, byInformationGain, suggestFeatureColumns } from './profile.ts';
export { detectTarget, targetValues, labelVector, churnValue } from './target.ts';
export { guessIdColumn } from './id-column.ts';
export { binaryEntropy, informationGain, groupedAuc, sortedAuc } from './entropy.ts';
export type * from './types.ts';
