/**
 * Strongly connected components of a graph, by Tarjan's algorithm, without
 * recursion so that long chains of jobs cannot overflow the stack.
 */
function components(keys: string[], edges: Map<string, string[]>) {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];

  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
  };

  for (const root of keys) {
    if (index.has(root)) {
      continue;
    }
    visit(root);
    const work = [{ node: root, edge: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const next = edges.get(frame.node)![frame.edge];
      frame.edge += 1;
      if (next !== undefined) {
        if (!index.has(next)) {
          visit(next);
          work.push({ node: next, edge: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1]?.node;
      if (parent !== undefined) {
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        found.push(component);
      }
    }
  }
  return found;
}

/** The shortest path from `start` back to itself within `members`. */
function shortestCycle(
  start: string,
  members: Set<string>,
  edges: Map<string, string[]>,
): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const next of edges.get(node)!) {
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) {
          path.push(at);
        }
        return [...path, start];
      }
      if (members.has(next) && !parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * Finds one cycle in every group of jobs that need each other. `needs`
 * maps each job key to the keys it needs (known jobs only), in file order.
 *
 * Each cycle is given in the order the jobs would run, starting and ending
 * with the job that comes first in the file: `['build', 'test', 'build']`
 * means test needs build and build needs test.
 */
export function findNeedsCycles(needs: Map<string, string[]>): string[][] {
  const keys = [...needs.keys()];
  const position = new Map(keys.map((key, i) => [key, i]));
  return components(keys, needs)
    .filter(
      group => group.length > 1 || needs.get(group[0])!.includes(group[0]),
    )
    .map(group => {
      const start = group.reduce((a, b) =>
        position.get(a)! < position.get(b)! ? a : b,
      );
      return shortestCycle(start, new Set(group), needs);
    })
    .sort((a, b) => position.get(a[0])! - position.get(b[0])!);
}
