// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../src/lib/export/download.ts';

describe('downloadText', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clicks a temporary anchor pointing at a blob URL and removes it', async () => {
    let blob: Blob | undefined;
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => { blob = b; return 'blob:test/1'; };
    (URL as unknown as { revokeObjectURL: (u: string) => void }).revokeObjectURL = () => {};
    const clicked: { href: string; download: string; inDom: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDom: document.body.contains(this) });
    });
    downloadText('scores.csv', '\uFEFFa,b\r\n', 'text/csv;charset=utf-8');
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'scores.csv', inDom: true }]);
    expect(document.querySelectorAll('a').length).toBe(0);
    expect(blob!.type).toBe('text/csv;charset=utf-8');
    // The file's bytes start with the UTF-8 BOM (Blob.text() would strip it when decoding).
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect(Array.from(bytes)).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0d, 0x0a]);
  });
});
