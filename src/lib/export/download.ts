// Save text as a file from the browser: Blob + object URL + a temporary <a download>. No network
// request and nothing CSP forbids (blob: URLs are never fetched from a server).

export function downloadText(filename: string, text: string, mime = 'text/csv;charset=utf-8', doc: Document = document): void {
  downloadBlob(filename, new Blob([text], { type: mime }), doc);
}

export function downloadBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Some browsers start reading the blob after click() returns; revoke once they have it.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
