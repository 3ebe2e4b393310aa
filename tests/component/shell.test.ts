// The header's language switch and the error banner, rendered in jsdom.
import { describe, expect, it, beforeEach } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import LangSwitch from '../../src/ui/shell/LangSwitch.svelte';
import ErrorBanner from '../../src/ui/common/ErrorBanner.svelte';
import PrivacyBadge from '../../src/ui/shell/PrivacyBadge.svelte';
import { AppState } from '../../src/ui/state/app.svelte.ts';

beforeEach(() => localStorage.clear());

describe('language switch', () => {
  it('toggles English ↔ Chinese, changes visible text and remembers the choice', async () => {
    const app = new AppState();
    app.setLocale('en');
    render(LangSwitch, { app });
    render(PrivacyBadge, { app });
    expect(screen.getByText('Local only: your data never leaves this computer')).toBeTruthy();
    const sw = screen.getByTestId('lang-switch');
    expect(sw.textContent?.trim()).toBe('中文');
    await fireEvent.click(sw);
    expect(app.locale).toBe('zh');
    expect(screen.getByText('本地运行：数据不离开本机')).toBeTruthy();
    expect(sw.textContent?.trim()).toBe('English');
    expect(localStorage.getItem('churnlens.locale')).toBe('zh');
    // a new session starts in the remembered language whatever the browser says
    expect(new AppState().locale).toBe('zh');
  });
});

describe('error banner', () => {
  it('shows a UserError translated in the current language, with its parameters, and can be dismissed', async () => {
    const app = new AppState();
    app.setLocale('en');
    render(ErrorBanner, { app });
    expect(screen.queryByTestId('app-error')).toBeNull();
    app.showError('ui.error.modelNotJson', { name: 'q3.xlsx' });
    flushSync();
    expect(screen.getByTestId('app-error').textContent).toBe('“q3.xlsx” is not a ChurnLens model file (.json).');
    app.setLocale('zh');
    flushSync();
    expect(screen.getByTestId('app-error').textContent).toBe('“q3.xlsx”不是 ChurnLens 模型文件（.json）。');
    await fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.queryByTestId('app-error')).toBeNull();
    expect(app.error).toBeNull();
  });

  it('renders markup in parameters as text, never as HTML', () => {
    const app = new AppState();
    app.setLocale('en');
    render(ErrorBanner, { app });
    app.showError('ui.error.modelNotJson', { name: '<img src=x onerror=alert(1)>' });
    flushSync();
    const el = screen.getByTestId('app-error');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('ui message catalogue', () => {
  it('has the same keys in English and Chinese, none empty, and the same {placeholders}', async () => {
    const { en, zh } = await import('../../src/lib/i18n/messages/ui.ts');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) {
      expect(en[k].trim(), k).not.toBe('');
      expect(zh[k].trim(), k).not.toBe('');
      expect(holes(zh[k]), k).toEqual(holes(en[k]));
    }
  });
});
