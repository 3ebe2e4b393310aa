// Risk tiers of the founding study: one colour, icon and label key each, so a tier is never
// told apart by colour alone. Codes are assignTiers' (0 normal, 1 about to churn, 2 churned).
import { TIER_NORMAL, TIER_AT_RISK, TIER_CHURNED } from '../../lib/evaluate/tiers.ts';

export { TIER_NORMAL, TIER_AT_RISK, TIER_CHURNED };

export interface TierStyle {
  code: number;
  key: string;
  icon: string;
  color: string;
  background: string;
}

export const TIERS: TierStyle[] = [
  { code: TIER_CHURNED, key: 'results.tier.churned', icon: '▲', color: '#8b1a1a', background: '#f6e3e1' },
  { code: TIER_AT_RISK, key: 'results.tier.atRisk', icon: '◆', color: '#8a5a00', background: '#fbefd5' },
  { code: TIER_NORMAL, key: 'results.tier.normal', icon: '●', color: '#4a5b6c', background: '#e8edf2' },
];

export function tierStyle(code: number): TierStyle {
  return TIERS.find((t) => t.code === code) ?? TIERS[2];
}
