// Output sanity checks for benches: a fast wrong answer is not a result.

/** undefined when equal, else a short description of the first differing line. */
export function firstDifference(a: string, b: string, aName: string, bName: string): string | undefined {
  if (a === b) return undefined;
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: ${aName} ${JSON.stringify(al[i] ?? '<eof>')} vs ${bName} ${JSON.stringify(bl[i] ?? '<eof>')} (${al.length} vs ${bl.length} lines)`;
  }
  return 'outputs differ';
}
