/**
 * Share by URL: the netlist deflated (the browser's CompressionStream, no library) and base64url
 * encoded into the hash (`#n=...`), which never reaches a server.
 */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export async function encodeNetlist(text: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/** The netlist of a `#n=...` hash, or undefined when the hash holds none (or a broken one). */
export async function decodeNetlist(hash: string): Promise<string | undefined> {
  const m = /^#?n=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return undefined;
  try {
    return new TextDecoder().decode(await pipe(fromBase64Url(m[1]!), new DecompressionStream('deflate-raw')));
  } catch {
    return undefined;
  }
}
