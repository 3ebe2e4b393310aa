// The retention plan's inputs live here, not in the component, so they survive leaving the Act
// step, and the latest plan (with the model it was made for) reaches the audit report.
import type { ModelFile } from '../../lib/engine/types.ts';
import type { ManifestInput } from '../../lib/report/manifest.ts';

export const retentionChoice = $state({
  limit: 'capacity' as 'none' | 'capacity' | 'budget',
  capacity: 500,
  budget: 10000,
  costPerContact: 5,
  successRatePct: 30,
  offerCost: 20,
  acquisitionCost: 0,
  stayerTakePct: 0,
});

/** The last plan made on the Act step, and the model it was made for (raw: compared by identity). */
class LastPlan {
  model = $state.raw<ModelFile | null>(null);
  retention = $state.raw<ManifestInput['retention']>(null);
}
export const lastPlan = new LastPlan();

/** The plan for this model, or null when none was made for it (a plan for an older model is stale). */
export function planFor(model: ModelFile | null | undefined): ManifestInput['retention'] {
  return model && lastPlan.model === model ? lastPlan.retention : null;
}
