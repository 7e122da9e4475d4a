/** At most `max` bytes of the text's UTF-8, ending at a whole character. */
export function cutUtf8(text: string, max: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= max) return text;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // a continuation byte: its character started earlier
  return bytes.subarray(0, end).toString('utf8');
}
