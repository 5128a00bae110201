import type { PipelineInput } from '@golive/plugin-pipelines-common';
import { parse } from 'yaml';

/**
 * Reads the `workflow_dispatch` trigger of a workflow file: undefined when
 * the workflow cannot be started by hand, else its inputs.
 *
 * @throws Error naming the file when it is not YAML.
 */
export function readWorkflowDispatch(
  path: string,
  text: string,
): PipelineInput[] | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(
      `Workflow file '${path}' is not valid YAML: ${(error as Error).message}`,
    );
  }
  const on = isObject(doc) ? doc.on : undefined;

  if (on === 'workflow_dispatch') {
    return [];
  }
  if (Array.isArray(on)) {
    return on.includes('workflow_dispatch') ? [] : undefined;
  }
  if (!isObject(on) || !('workflow_dispatch' in on)) {
    return undefined;
  }

  const dispatch = on.workflow_dispatch;
  const inputs = isObject(dispatch) ? dispatch.inputs : undefined;
  if (!isObject(inputs)) {
    return [];
  }
  return Object.entries(inputs).map(([name, raw]) => toInput(name, raw));
}

function toInput(name: string, raw: unknown): PipelineInput {
  const spec = isObject(raw) ? raw : {};
  const type =
    spec.type === 'boolean' || spec.type === 'choice' ? spec.type : 'string';
  const input: PipelineInput = {
    name,
    type,
    required: spec.required === true,
  };
  if (typeof spec.description === 'string') {
    input.description = spec.description;
  }
  if (spec.default !== undefined && spec.default !== null) {
    input.default =
      type === 'boolean'
        ? spec.default === true || spec.default === 'true'
        : String(spec.default);
  }
  if (type === 'choice' && Array.isArray(spec.options)) {
    input.options = spec.options.map(String);
  }
  return input;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
