import { Alias, isAlias, isMap, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { yamlKeyText } from './checkYamlNodes';
import type { PipelineIssue } from './pipelineIssue';

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/**
 * Creates a function that finds the source offset of the value (or key)
 * an issue is about. When the path leads to something absent, such as a
 * missing field, it gives the offset of the deepest node that exists.
 */
export function createYamlLocator(
  root: Node | null,
  aliasTargets: Map<Alias, Node>,
): (issue: PipelineIssue) => number {
  // Maps can have many keys and many issues; index each map once.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        index.set(yamlKeyText(pair.key) ?? '', pair as Pair);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };

  return issue => {
    let node: unknown = root;
    let offset = offsetOf(root) ?? 0;
    for (let i = 0; i < issue.path.length; i++) {
      const segment = issue.path[i];
      if (isAlias(node)) {
        node = aliasTargets.get(node);
      }
      let next: unknown;
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (pair && issue.at === 'key' && i === issue.path.length - 1) {
          return offsetOf(pair.key) ?? offset;
        }
        next = pair?.value ?? pair?.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next === undefined || next === null) {
        break;
      }
      node = next;
      offset = offsetOf(node) ?? offset;
    }
    return offset;
  };
}
