import {
  DEFAULT_NAMESPACE,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * Turns an entity ref into the lower-case `kind:namespace/name` form that
 * role matching compares. A bare name is taken as a group in the default
 * namespace. Returns undefined when the ref is not a valid entity ref.
 */
export function normalizeEntityRef(ref: string): string | undefined {
  let parsed;
  try {
    // Lower-cased first: refs compare case-insensitively, and the namespace
    // validator accepts lower case only.
    parsed = parseEntityRef(ref.trim().toLocaleLowerCase('en-US'), {
      defaultKind: 'group',
      defaultNamespace: DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }

  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(parsed);
}
