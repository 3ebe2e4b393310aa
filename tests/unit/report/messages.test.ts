import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/report.ts';
import { translate } from '../../../src/lib/i18n/index.ts';

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
