/**
 * Shapes of Jenkins' JSON API as this module asks for them (the `tree`
 * query keeps only these fields). Every object carries `_class`.
 */

/** Build results of `hudson.model.Result`; null while the build runs. */
export type JenkinsResult =
  | 'SUCCESS'
  | 'UNSTABLE'
  | 'FAILURE'
  | 'NOT_BUILT'
  | 'ABORTED';

export interface JenkinsCause {
  _class?: string;
  shortDescription?: string;
  userId?: string | null;
  userName?: string | null;
}

export interface JenkinsParameterValue {
  _class?: string;
  name: string;
  /** Absent for passwords and files. */
  value?: unknown;
}

/** One action of a build; the `tree` leaves `{}` for actions of other kinds. */
export interface JenkinsAction {
  _class?: string;
  causes?: JenkinsCause[];
  parameters?: JenkinsParameterValue[];
  /** From the Git plugin's `BuildData`. */
  lastBuiltRevision?: {
    SHA1?: string;
    branch?: Array<{ SHA1?: string; name?: string }>;
  };
}

export interface JenkinsBuild {
  _class?: string;
  number: number;
  url: string;
  result: JenkinsResult | null;
  building: boolean;
  /** Start, in milliseconds since the epoch. */
  timestamp: number;
  /** Milliseconds; 0 while building. */
  duration: number;
  actions?: Array<JenkinsAction | null>;
}

export interface JenkinsParameterDefinition {
  _class?: string;
  name: string;
  /** Class simple name, such as `StringParameterDefinition`. */
  type: string;
  description?: string | null;
  defaultParameterValue?: { _class?: string; value?: unknown } | null;
  /** Only on choice parameters. */
  choices?: string[];
}

/** Status of a Pipeline Stage View (`wfapi`) run, stage or node. */
export type WfapiStatus =
  | 'NOT_EXECUTED'
  | 'ABORTED'
  | 'SUCCESS'
  | 'IN_PROGRESS'
  | 'PAUSED_PENDING_INPUT'
  | 'FAILED'
  | 'UNSTABLE';

export interface WfapiNode {
  id: string;
  name: string;
  status: WfapiStatus;
  startTimeMillis: number;
  durationMillis: number;
  pauseDurationMillis?: number;
  /** The step's argument, such as the script of `sh`. */
  parameterDescription?: string;
}

/** `<build>/wfapi/describe`. */
export interface WfapiRun {
  id: string;
  name: string;
  status: WfapiStatus;
  startTimeMillis: number;
  endTimeMillis?: number;
  durationMillis: number;
  stages: WfapiNode[];
}

/** `<build>/execution/node/<id>/wfapi/describe` of a stage. */
export interface WfapiStage extends WfapiNode {
  stageFlowNodes: WfapiNode[];
}

/** A piece of the console log from `logText/progressiveText`. */
export interface JenkinsLogChunk {
  text: string;
  /** `X-Text-Size`: byte offset to ask for next time. */
  textSize: number;
  /** `X-More-Data: true`: the build is still writing. */
  more: boolean;
}
