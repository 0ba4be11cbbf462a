/** An ISO instant between 1900 and 9999 (what a timestamptz column and a cursor of ours hold). */
export function storableInstant(text: string): boolean {
  const ms = Date.parse(text);
  return ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(10000, 0, 1);
}
