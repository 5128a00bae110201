import type {
  JenkinsCause,
  JenkinsParameterDefinition,
  JenkinsResult,
  WfapiNode,
  WfapiStatus,
} from '../client/types';

/** What the fake Jenkins holds: jobs, their builds and stages. */
export interface FakeStage {
  id: string;
  name: string;
  status: WfapiStatus;
  startTimeMillis: number;
  durationMillis: number;
  steps: WfapiNode[];
}

export interface FakeBuild {
  number: number;
  result: JenkinsResult | null;
  building: boolean;
  timestamp: number;
  duration: number;
  causes: JenkinsCause[];
  parameters: Array<{ _class: string; name: string; value?: unknown }>;
  revision?: { sha: string; branch: string };
  log: string;
  /** Absent on freestyle jobs, whose builds have no Stage View. */
  stages?: FakeStage[];
}

export interface FakeJob {
  fullName: string;
  pipeline: boolean;
  /** A multibranch project: a folder of jobs, without builds of its own. */
  multibranch: boolean;
  /** The user may read the job but not start it (no Job/Build). */
  readOnly: boolean;
  parameters: JenkinsParameterDefinition[];
  /** Oldest first. */
  builds: FakeBuild[];
  /** Form fields of every accepted build request. */
  started: Array<Record<string, string>>;
}

export interface FakeJenkins {
  baseUrl: string;
  host: string;
  username: string;
  apiKey: string;
  /** `METHOD path?query` of every request, in order. */
  requests: string[];
  addJob(
    fullName: string,
    options?: {
      pipeline?: boolean;
      multibranch?: boolean;
      readOnly?: boolean;
      parameters?: JenkinsParameterDefinition[];
    },
  ): FakeJob;
  addBuild(fullName: string, build?: Partial<FakeBuild>): FakeBuild;
  job(fullName: string): FakeJob;
  /** Answer every request with this status (such as 503), or stop. */
  failWith(status: number | undefined): void;
  /** Never answer. */
  hang(on: boolean): void;
  stop(): Promise<void>;
}
