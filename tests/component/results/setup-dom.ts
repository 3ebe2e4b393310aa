// jsdom has no ResizeObserver (Svelte's size bindings use it): a do-nothing stand-in is enough,
// since layout sizes are all zero in jsdom anyway.
export function installResizeObserver(): void {
  if (typeof globalThis.ResizeObserver !== 'undefined') return;
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}
