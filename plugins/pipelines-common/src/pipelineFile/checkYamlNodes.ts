import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import {
  MAX_ALIAS_EXPANSION,
  MAX_NESTING_DEPTH,
  MAX_YAML_ALIASES,
} from './limits';

/** A problem found in the YAML nodes, at a source offset. */
export interface YamlNodeProblem {
  message: string;
  offset: number;
}

/** What {@link checkYamlNodes} found. */
export interface YamlNodeCheck {
  problems: YamlNodeProblem[];
  /** Whether converting the document to plain values would be unsafe. */
  fatal: boolean;
  /** The node each alias stands for. */
  aliasTargets: Map<Alias, Node>;
}

interface Extent {
  /** Nodes once every alias inside is expanded. */
  size: number;
  /** Levels of maps and lists, the node's own included. */
  height: number;
}

const stopWalk = Symbol('stopWalk');

/** The text a map key has once converted to a plain object key. */
export function yamlKeyText(key: unknown): string | undefined {
  if (!isScalar(key)) {
    return undefined;
  }
  return key.value === null ? '' : String(key.value);
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

/**
 * Walks a composed document once, before anything converts it: finds
 * duplicate and non-scalar keys, and measures what aliases expand to so
 * that alias bombs and aliases that nest too deep are refused up front.
 */
export function checkYamlNodes(root: unknown): YamlNodeCheck {
  const problems: YamlNodeProblem[] = [];
  const aliasTargets = new Map<Alias, Node>();
  // An anchor is 'open' while its own node is being walked.
  const anchors = new Map<string, Node | 'open'>();
  const extents = new Map<Node, Extent>();
  let aliasCount = 0;
  let expansion = 0;

  const stop = (message: string, node: unknown): never => {
    problems.push({ message, offset: offsetOf(node) });
    throw stopWalk;
  };

  const checkKey = (key: unknown, seen: Set<string>) => {
    const text = yamlKeyText(key);
    if (text === undefined) {
      problems.push({
        message: 'Keys must be plain values, not lists, maps or aliases',
        offset: offsetOf(key),
      });
    } else if (text === '__proto__') {
      problems.push({
        message: 'Key "__proto__" is not allowed',
        offset: offsetOf(key),
      });
    } else if (seen.has(text)) {
      problems.push({
        message: `Duplicate key "${text}"`,
        offset: offsetOf(key),
      });
    } else {
      seen.add(text);
    }
  };

  const walkAlias = (alias: Alias, depth: number): Extent => {
    aliasCount += 1;
    if (aliasCount > MAX_YAML_ALIASES) {
      stop(`A file may use at most ${MAX_YAML_ALIASES} YAML aliases`, alias);
    }
    const target = anchors.get(alias.source);
    if (target === undefined) {
      return stop(`Alias "*${alias.source}" has no anchor before it`, alias);
    }
    if (target === 'open') {
      return stop(
        `Alias "*${alias.source}" refers to a node that contains it`,
        alias,
      );
    }
    aliasTargets.set(alias, target);
    const extent = extents.get(target) ?? { size: 1, height: 0 };
    expansion += extent.size;
    if (expansion > MAX_ALIAS_EXPANSION) {
      stop(
        `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} values, which looks like an alias bomb`,
        alias,
      );
    }
    if (depth + extent.height > MAX_NESTING_DEPTH) {
      stop(
        `Nesting is deeper than ${MAX_NESTING_DEPTH} levels once aliases are expanded`,
        alias,
      );
    }
    return extent;
  };

  const walk = (node: unknown, depth: number): Extent => {
    if (isAlias(node)) {
      return walkAlias(node, depth);
    }
    if (!isMap(node) && !isSeq(node)) {
      const extent = { size: 1, height: 0 };
      if (isScalar(node) && node.anchor) {
        anchors.set(node.anchor, node);
        extents.set(node, extent);
      }
      return extent;
    }
    if (depth >= MAX_NESTING_DEPTH) {
      stop(`Nesting is deeper than ${MAX_NESTING_DEPTH} levels`, node);
    }
    if (node.anchor) {
      anchors.set(node.anchor, 'open');
    }

    const seen = new Set<string>();
    const extent = { size: 1, height: 1 };
    for (const item of node.items) {
      let value: unknown = item;
      if (isPair(item)) {
        checkKey(item.key, seen);
        if (isScalar(item.key)) {
          walk(item.key, depth + 1); // registers anchors on keys
        }
        value = item.value;
      }
      const child = walk(value, depth + 1);
      extent.size += child.size;
      extent.height = Math.max(extent.height, child.height + 1);
    }

    if (node.anchor) {
      anchors.set(node.anchor, node);
      extents.set(node, extent);
    }
    return extent;
  };

  try {
    walk(root, 0);
  } catch (error) {
    if (error !== stopWalk) {
      throw error;
    }
    return { problems, fatal: true, aliasTargets };
  }
  return { problems, fatal: false, aliasTargets };
}
