/**
 * Bytes -> text as potentiostat software writes it: UTF-16 with a byte-order mark (Windows
 * "Unicode" exports), UTF-8 (with or without BOM), and otherwise Windows-1252/latin-1 (EC-Lab and
 * most European installations write `°`, `µ`, `²` that way).
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252';
}

export function decodeInstrumentText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: a single-byte Windows code page, which every byte decodes under.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
