import type { FakeJenkins } from '../../plugins/pipelines-backend-module-jenkins/src/__testUtils__/startFakeJenkins';

/** The Jenkins job of the e2e catalog's `inventory-service`. */
export const E2E_JENKINS_JOB = 'shop/inventory/main';

const MINUTE = 60_000;

function stage(
  id: number,
  name: string,
  status: 'SUCCESS' | 'FAILED' | 'NOT_EXECUTED',
  start: number,
  scripts: string[],
) {
  const durationMillis = status === 'NOT_EXECUTED' ? 0 : 20_000;
  return {
    id: String(id),
    name,
    status,
    startTimeMillis: status === 'NOT_EXECUTED' ? 0 : start,
    durationMillis,
    steps: scripts.map((script, index) => ({
      id: String(id + index + 1),
      name: 'Shell Script',
      parameterDescription: script,
      status,
      startTimeMillis: status === 'NOT_EXECUTED' ? 0 : start + index * 5_000,
      durationMillis: status === 'NOT_EXECUTED' ? 0 : 5_000,
    })),
  };
}

function consoleLog(cause: string, body: string[], result: string): string {
  return [
    cause,
    '[Pipeline] Start of Pipeline',
    '[Pipeline] node',
    'Running on agent-2 in /var/jenkins/workspace/shop_inventory_main',
    ...body,
    '[Pipeline] End of Pipeline',
    `Finished: ${result}`,
    '',
  ].join('\n');
}

/**
 * Gives the fake Jenkins one Pipeline job with three finished builds, as
 * its Stage View and console would show them: a push that passed, a
 * manual build whose tests failed, and a manual deploy to staging.
 */
export function seedJenkins(jenkins: FakeJenkins, now = Date.now()): void {
  jenkins.addJob(E2E_JENKINS_JOB, {
    parameters: [
      {
        _class: 'hudson.model.ChoiceParameterDefinition',
        name: 'DEPLOY_ENV',
        type: 'ChoiceParameterDefinition',
        description: 'Where the build is deployed',
        defaultParameterValue: {
          _class: 'hudson.model.StringParameterValue',
          value: 'staging',
        },
        choices: ['staging', 'production'],
      },
    ],
  });

  const pushStart = now - 3 * 60 * MINUTE;
  jenkins.addBuild(E2E_JENKINS_JOB, {
    number: 1,
    result: 'SUCCESS',
    timestamp: pushStart,
    duration: 65_000,
    causes: [
      {
        _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause',
        shortDescription: 'Started by an SCM change',
      },
    ],
    revision: {
      sha: '4f1c2e9a7b3d5f60812c4e6a8b0d2f4a6c8e0b1d',
      branch: 'refs/remotes/origin/main',
    },
    stages: [
      stage(6, 'Checkout', 'SUCCESS', pushStart, ['git fetch origin main']),
      stage(10, 'Build', 'SUCCESS', pushStart + 20_000, ['./gradlew build']),
      stage(14, 'Test', 'SUCCESS', pushStart + 40_000, ['./gradlew test']),
    ],
    log: consoleLog(
      'Started by an SCM change',
      ['+ ./gradlew test', 'BUILD SUCCESSFUL in 18s'],
      'SUCCESS',
    ),
  });

  const failedStart = now - 2 * 60 * MINUTE;
  jenkins.addBuild(E2E_JENKINS_JOB, {
    number: 2,
    result: 'FAILURE',
    timestamp: failedStart,
    duration: 72_000,
    causes: [
      {
        _class: 'hudson.model.Cause$UserIdCause',
        shortDescription: 'Started by user Ada Lovelace',
        userId: 'ada',
        userName: 'Ada Lovelace',
      },
    ],
    parameters: [
      {
        _class: 'hudson.model.StringParameterValue',
        name: 'DEPLOY_ENV',
        value: 'staging',
      },
    ],
    revision: {
      sha: '9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e',
      branch: 'refs/remotes/origin/main',
    },
    stages: [
      stage(6, 'Checkout', 'SUCCESS', failedStart, ['git fetch origin main']),
      stage(10, 'Build', 'SUCCESS', failedStart + 20_000, ['./gradlew build']),
      stage(14, 'Test', 'FAILED', failedStart + 40_000, ['./gradlew test']),
      stage(18, 'Deploy', 'NOT_EXECUTED', 0, []),
    ],
    log: consoleLog(
      'Started by user Ada Lovelace',
      [
        '[Pipeline] stage',
        '[Pipeline] { (Test)',
        '+ ./gradlew test',
        'InventoryServiceTest > reservesStockForAnOrder() FAILED',
        '    expected: <3> but was: <2>',
        '42 tests completed, 1 failed',
        '[Pipeline] }',
        'Stage "Deploy" skipped due to earlier failure(s)',
      ],
      'FAILURE',
    ),
  });

  const deployStart = now - 60 * MINUTE;
  jenkins.addBuild(E2E_JENKINS_JOB, {
    number: 3,
    result: 'SUCCESS',
    timestamp: deployStart,
    duration: 95_000,
    causes: [
      {
        _class: 'hudson.model.Cause$UserIdCause',
        shortDescription: 'Started by user Ada Lovelace',
        userId: 'ada',
        userName: 'Ada Lovelace',
      },
    ],
    parameters: [
      {
        _class: 'hudson.model.StringParameterValue',
        name: 'DEPLOY_ENV',
        value: 'staging',
      },
    ],
    revision: {
      sha: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      branch: 'refs/remotes/origin/main',
    },
    stages: [
      stage(6, 'Checkout', 'SUCCESS', deployStart, ['git fetch origin main']),
      stage(10, 'Build', 'SUCCESS', deployStart + 20_000, ['./gradlew build']),
      stage(14, 'Test', 'SUCCESS', deployStart + 40_000, ['./gradlew test']),
      stage(18, 'Deploy', 'SUCCESS', deployStart + 60_000, [
        './deploy.sh staging',
      ]),
    ],
    log: consoleLog(
      'Started by user Ada Lovelace',
      ['+ ./deploy.sh staging', 'Deployed inventory-service 1.4.2 to staging'],
      'SUCCESS',
    ),
  });
}
