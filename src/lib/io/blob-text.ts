// A Blob's text in pieces: model files of big forests are more text than one string can hold, and
// File.text() would need it all at once. UTF-8, a leading BOM dropped (as Blob.text() does).

const PIECE = 8 << 20;

export async function* blobTextChunks(blob: Blob, piece = PIECE): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < blob.size; at += piece) {
    const bytes = new Uint8Array(await blob.slice(at, Math.min(blob.size, at + piece)).arrayBuffer());
    // stream: a character split between two pieces is decoded when its last byte arrives
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
