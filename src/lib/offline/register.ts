// Offline support: register the build's service worker (dist/sw.js, written by
// build-tools/service-worker-plugin.ts) so that after the first visit every file of the app is served
// from the browser's cache, with the network off. The single-file build needs none: the whole app is
// the one HTML file the user opened from disk.
export type OfflineStatus = 'unsupported' | 'installing' | 'ready' | 'failed' | 'dev' | 'single-file';

export async function registerOffline(onStatus: (s: OfflineStatus) => void): Promise<void> {
  if (import.meta.env.SINGLE_FILE) return onStatus('single-file');
  if (import.meta.env.DEV) return onStatus('dev');
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return onStatus('unsupported');
  try {
    const reg = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    if (reg.active && navigator.serviceWorker.controller) return onStatus('ready');
    onStatus('installing');
    // `ready` resolves once a worker is active for this scope; its install step has then cached
    // every file (addAll fails the install otherwise), so a reload works offline from here on.
    await navigator.serviceWorker.ready;
    onStatus('ready');
  } catch {
    onStatus('failed');
  }
}
