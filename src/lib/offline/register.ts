// Offline support: register the build's service worker (dist/sw.js) so that after the first visit
// every file of the app is served from the browser's cache, with the network off.
// Returns a reactive-friendly status the UI shows ("Available offline").
export type OfflineStatus = 'unsupported' | 'installing' | 'ready' | 'failed' | 'dev';

export async function registerOffline(onStatus: (s: OfflineStatus) => void): Promise<void> {
  if (import.meta.env.DEV) return onStatus('dev');
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return onStatus('unsupported');
  try {
    const reg = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    if (reg.active && navigator.serviceWorker.controller) return onStatus('ready');
    onStatus('installing');
    await navigator.serviceWorker.ready;
    onStatus('ready');
  } catch {
    onStatus('failed');
  }
}
