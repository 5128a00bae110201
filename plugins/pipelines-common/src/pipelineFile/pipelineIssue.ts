/** A path into the pipeline file: map keys and list indexes. */
export type PipelinePath = (string | number)[];

/**
 * A problem found before it has a line and column: the path of the value
 * it is about, and whether it points at the key of that path's last
 * segment (an unknown field) rather than at its value.
 */
export interface PipelineIssue {
  message: string;
  path: PipelinePath;
  at?: 'key';
}

/** Formats a path the way problems show it, e.g. `jobs.test.needs[0]`. */
export function formatPipelinePath(path: PipelinePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else {
      text += text ? `.${segment}` : segment;
    }
  }
  return text;
}
