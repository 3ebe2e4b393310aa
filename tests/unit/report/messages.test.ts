import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/report.ts';
import { translate } from '../../../src/lib/i18n/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { PARAM_ORDER } from '../../../src/lib/report/reproduce.ts';
import { PRESET_NAMES } from '../../../src/lib/engine/presets.ts';

describe('report messages', () => {
  it('have the same keys and the same placeholders in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en)) expect(holes(zh[k]), k).toEqual(holes(en[k]));
  });

  it('are reachable through translate and use the domain words', () => {
    expect(translate('zh', 'report.title')).toBe('审计报告');
    expect(translate('zh', 'report.section.data')).toBe('数据指纹');
    expect(translate('zh', 'report.section.reproduce')).toBe('复现方法');
    expect(translate('zh', 'report.metric.recall')).toBe('召回率');
    expect(translate('zh', 'report.metric.precision')).toBe('精确率');
    expect(translate('zh', 'report.section.importance')).toBe('特征重要性');
    expect(translate('zh', 'report.section.retention')).toBe('挽留计划');
    expect(translate('en', 'report.title')).toBe('Audit report');
  });
});

describe('report message coverage', () => {
  it('has every key the report code names literally or builds from a setting', () => {
    const used = new Set<string>();
    for (const d of ['src/ui/report/', 'src/lib/report/']) {
      const dir = new URL(`../../../${d}`, import.meta.url);
      for (const f of readdirSync(dir)) {
        const text = readFileSync(new URL(f, dir), 'utf8');
        for (const m of text.matchAll(/'(report\.[a-zA-Z0-9.]*[a-zA-Z0-9])'/g)) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(60);
    for (const k of PARAM_ORDER) used.add(`report.param.${k}`);
    for (const p of [...PRESET_NAMES, 'custom']) used.add(`report.preset.${p}`);
    for (const v of ['forest', 'tree']) used.add(`report.mode.${v}`);
    for (const v of ['none', 'weights', 'bootstrap', 'oversample']) used.add(`report.balance.${v}`);
    for (const v of ['soft', 'hard']) used.add(`report.vote.${v}`);
    for (const v of ['entropy', 'gini']) used.add(`report.criterion.${v}`);
    for (const v of ['profit', 'capacity', 'budget']) used.add(`report.retention.limitedBy.${v}`);
    for (const v of ['churned', 'atRisk', 'normal']) used.add(`report.tier.${v}`);
    for (const v of ['id', 'constant', 'allMissing', 'empty', 'leakage', 'highCardinality', 'text', 'user']) used.add(`report.reason.${v}`);
    for (const k of used) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
    }
  });
});
