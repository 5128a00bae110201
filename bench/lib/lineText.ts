/** A realistic build-log line, different for each index. */
export function lineText(i: number): string {
  return `[build] ${String(i).padStart(7, '0')} compiled src/features/area${
    i % 53
  }/module${i % 997}.ts (${i % 4096} B) in ${i % 1000} ms`;
}
