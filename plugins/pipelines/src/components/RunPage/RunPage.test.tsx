import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { runSignalChannel } from '@golive/plugin-pipelines-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import {
  aJob,
  aRun,
  aStep,
  fakePipelinesApi,
  fakeSignalApi,
} from '../../testUtils/fakes';
import { RunView } from './RunPage';

// The LogViewer sizes itself to its container, which jsdom does not lay out.
jest.mock('react-virtualized-auto-sizer', () => ({
  __esModule: true,
  default: (props: {
    children: (size: { width: number; height: number }) => unknown;
  }) => props.children({ width: 800, height: 400 }),
}));

const jobs = [
  aJob({
    id: 'j-build',
    key: 'build',
    name: 'build',
    steps: [aStep({ id: 's1', index: 0, name: 'Compile' })],
  }),
  aJob({
    id: 'j-test',
    key: 'test',
    name: 'test',
    needs: ['build'],
    status: 'failed',
    steps: [
      aStep({
        id: 's2',
        index: 0,
        name: 'Unit tests',
        status: 'failed',
        exitCode: 1,
      }),
    ],
  }),
  aJob({
    id: 'j-prod',
    key: 'deploy',
    name: 'deploy production',
    needs: ['test'],
    status: 'waiting',
    environment: 'production',
    approvalRequired: true,
    startedAt: undefined,
    durationMs: undefined,
    steps: [aStep({ id: 's3', index: 0, name: 'Deploy', status: 'pending' })],
  }),
];

function renderRun(
  api: PipelinesApi,
  signals = fakeSignalApi(),
  props: { externalPollMs?: number } = {},
) {
  return renderInTestApp(<RunView runId="run-1" {...props} />, {
    apis: [
      [pipelinesApiRef, api],
      [signalApiRef, signals.api],
      mockApis.permission(),
    ],
    mountedRoutes: { '/pipelines/runs/:runId': runRouteRef },
  });
}

describe('RunView', () => {
  it('shows what the run is and how it went', async () => {
    renderRun(
      fakePipelinesApi({
        getRun: async () =>
          aRun({
            status: 'failed',
            jobs,
            trigger: 'pull_request',
            ref: 'refs/tags/v2.1',
          }),
      }),
    );

    expect(
      await screen.findByRole('heading', { name: 'ci #12' }),
    ).toBeInTheDocument();
    expect(screen.getByText('0123456')).toBeInTheDocument();
    expect(screen.getByText('Tag')).toBeInTheDocument();
    expect(screen.getByText('v2.1')).toBeInTheDocument();
    expect(screen.getByText('user:default/ada')).toBeInTheDocument();
    expect(screen.getByText('pull request')).toBeInTheDocument();
    expect(screen.getByText('2m 5s')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Re-run failed jobs' }),
    ).toBeEnabled();
  });

  it('draws every job in the graph and opens the one clicked', async () => {
    renderRun(fakePipelinesApi({ getRun: async () => aRun({ jobs }) }));

    const graph = await screen.findByRole('group', { name: 'Job graph' });
    expect(
      within(graph).getByRole('button', { name: 'build: Succeeded' }),
    ).toBeInTheDocument();
    expect(
      within(graph).getByRole('button', { name: 'test: Failed' }),
    ).toBeInTheDocument();
    // The job waiting for approval is opened first.
    expect(screen.getByText('Job: deploy production')).toBeInTheDocument();

    await userEvent.click(
      within(graph).getByRole('button', { name: 'build: Succeeded' }),
    );

    expect(await screen.findByText('Job: build')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Compile/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('shows a step log as inert text', async () => {
    const hostile = '<script>alert(1)</script>';
    renderRun(
      fakePipelinesApi({
        getRun: async () => aRun({ jobs: [jobs[1]] }),
        getLogs: async () => ({
          lines: [
            {
              seq: 1,
              stepIndex: 0,
              stream: 'stdout',
              time: 't',
              text: hostile,
            },
            {
              seq: 2,
              stepIndex: 0,
              stream: 'stderr',
              time: 't',
              text: '\u001b[31mFAIL\u001b[0m src/cart.test.ts',
            },
          ],
          truncated: false,
          live: false,
        }),
      }),
    );

    // A failed step opens by itself.
    expect(await screen.findByText(hostile)).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('FAIL')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('\u001b');
  });

  it('appends lines that arrive live', async () => {
    renderRun(
      fakePipelinesApi({
        getRun: async () =>
          aRun({
            status: 'running',
            jobs: [
              aJob({
                status: 'running',
                steps: [aStep({ status: 'running', name: 'Build' })],
              }),
            ],
          }),
        getLogs: async () => ({ lines: [], truncated: false, live: true }),
        streamLogs: async (_runId, _jobId, options) => {
          options.onLine({
            seq: 1,
            stepIndex: 0,
            stream: 'stdout',
            time: 't',
            text: 'compiling 42 modules',
          });
        },
      }),
    );

    expect(await screen.findByText('compiling 42 modules')).toBeInTheDocument();
  });

  it('approves a waiting deployment with a comment', async () => {
    const decisions: unknown[] = [];
    renderRun(
      fakePipelinesApi({
        getRun: async () => aRun({ status: 'waiting', jobs }),
        decideApproval: async (_runId, jobId, decision) => {
          decisions.push({ jobId, ...decision });
          return aRun({ jobs });
        },
      }),
    );

    expect(
      await screen.findByText('Deployment to production waits for approval'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled(),
    );
    await userEvent.type(screen.getByLabelText('Comment'), 'ship it');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() =>
      expect(decisions).toEqual([
        { jobId: 'j-prod', decision: 'approve', comment: 'ship it' },
      ]),
    );
  });

  it('cancels a running run', async () => {
    let cancelled = false;
    renderRun(
      fakePipelinesApi({
        getRun: async () =>
          aRun({
            status: cancelled ? 'cancelled' : 'running',
            jobs: [jobs[0]],
          }),
        cancelRun: async () => {
          cancelled = true;
          return aRun({ status: 'cancelled' });
        },
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel run' }),
    );

    expect(
      await screen.findByRole('button', { name: 'Re-run all jobs' }),
    ).toBeInTheDocument();
  });

  it('follows status changes signalled for this run', async () => {
    let status: 'running' | 'succeeded' = 'running';
    const signals = fakeSignalApi();
    renderRun(
      fakePipelinesApi({
        getRun: async () => aRun({ status, jobs: [jobs[0]] }),
      }),
      signals,
    );
    await screen.findByRole('button', { name: 'Cancel run' });

    status = 'succeeded';
    act(() => signals.send(runSignalChannel('run-1'), { status }));

    expect(
      await screen.findByRole('button', { name: 'Re-run all jobs' }),
    ).toBeInTheDocument();
  });

  it('lists artifacts with download buttons', async () => {
    renderRun(
      fakePipelinesApi({
        getRun: async () => aRun({ jobs }),
        listArtifacts: async () => ({
          items: [
            {
              id: 'a1',
              jobId: 'j-test',
              path: 'reports/junit.xml',
              kind: 'report',
              size: 2048,
              createdAt: '2024-05-01T10:01:00Z',
            },
          ],
        }),
      }),
    );

    expect(await screen.findByText('reports/junit.xml')).toBeInTheDocument();
    expect(screen.getByText('test · 2.0 KiB')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download reports/junit.xml' }),
    ).toBeInTheDocument();
  });

  it('says why the run cannot be shown', async () => {
    renderRun(
      fakePipelinesApi({
        getRun: async () => {
          throw new Error("Run 'run-1' was not found");
        },
      }),
    );

    expect(
      await screen.findByText('Error: Could not load the run'),
    ).toBeInTheDocument();
  });

  describe('of an external run', () => {
    const jenkinsRun = (overrides: Parameters<typeof aRun>[0] = {}) =>
      aRun({
        pipelineName: 'shop/main',
        number: 88,
        provider: 'jenkins',
        providerTitle: 'Jenkins',
        source: 'shop/main',
        url: 'https://jenkins.example.com/job/shop/job/main/88/',
        sha: '',
        jobs: [
          aJob({
            id: 'stage-build',
            key: 'build',
            name: 'Build',
            steps: [aStep({ id: 'b1', name: 'Shell Script' })],
          }),
          aJob({
            id: 'stage-deploy',
            key: 'deploy',
            name: 'Deploy',
            needs: ['build'],
            status: 'failed',
            steps: [
              aStep({ id: 'd1', name: 'Shell Script', status: 'failed' }),
            ],
          }),
        ],
        ...overrides,
      });

    it('links to the provider and shows its stages with their log', async () => {
      const logsAsked: string[] = [];
      const artifactsAsked: string[] = [];
      renderRun(
        fakePipelinesApi({
          getRun: async () => jenkinsRun(),
          listArtifacts: async runId => {
            artifactsAsked.push(runId);
            return { items: [] };
          },
          getLogs: async (_runId, jobId) => {
            logsAsked.push(jobId);
            return {
              lines: [
                // A provider's log is one text per job, without steps.
                {
                  seq: 1,
                  stream: 'stdout',
                  time: 't',
                  text: '+ kubectl apply -f deploy.yaml',
                },
              ],
              truncated: false,
              live: false,
            };
          },
        }),
      );

      expect(
        await screen.findByRole('heading', { name: 'shop/main #88' }),
      ).toBeInTheDocument();
      expect(screen.getByLabelText('Provider: Jenkins')).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /Open in Jenkins/ }),
      ).toHaveAttribute(
        'href',
        'https://jenkins.example.com/job/shop/job/main/88/',
      );
      const graph = screen.getByRole('group', { name: 'Job graph' });
      expect(
        within(graph).getByRole('button', { name: 'Build: Succeeded' }),
      ).toBeInTheDocument();
      // The failed stage opens first, with its log open.
      expect(await screen.findByText('Job: Deploy')).toBeInTheDocument();
      expect(
        await screen.findByText('+ kubectl apply -f deploy.yaml'),
      ).toBeInTheDocument();
      expect(screen.getByRole('button', { name: /Job log/ })).toHaveAttribute(
        'aria-expanded',
        'true',
      );
      expect(logsAsked).toContain('stage-deploy');
      expect(screen.queryByText('Commit')).not.toBeInTheDocument();
      expect(screen.queryByText('Artifacts')).not.toBeInTheDocument();
      expect(artifactsAsked).toEqual([]);
    });

    it('asks again for the stages of a running run until it finishes', async () => {
      let calls = 0;
      const running = () =>
        jenkinsRun({
          status: 'running',
          jobs: [
            aJob({
              id: 'stage-build',
              key: 'build',
              name: 'Build',
              status: calls > 2 ? 'succeeded' : 'running',
              steps: [aStep({ id: 'b1', name: 'Shell Script' })],
            }),
          ],
        });
      renderRun(
        fakePipelinesApi({
          getRun: async () => {
            calls += 1;
            return calls > 2
              ? { ...running(), status: 'succeeded' }
              : running();
          },
        }),
        fakeSignalApi(),
        { externalPollMs: 50 },
      );

      const graph = await screen.findByRole('group', { name: 'Job graph' });
      expect(
        within(graph).getByRole('button', { name: 'Build: Running' }),
      ).toBeInTheDocument();
      expect(
        await within(graph).findByRole('button', { name: 'Build: Succeeded' }),
      ).toBeInTheDocument();
      // a finished run is not asked for again
      const asked = calls;
      await act(() => new Promise(resolve => setTimeout(resolve, 300)));
      expect(calls).toBe(asked);
    });

    it('offers re-run but neither cancel nor approval', async () => {
      const reruns: string[] = [];
      renderRun(
        fakePipelinesApi({
          getRun: async () => jenkinsRun(),
          rerun: async runId => {
            reruns.push(runId);
            return { accepted: true };
          },
        }),
      );

      const rerun = await screen.findByRole('button', { name: 'Re-run' });
      expect(
        screen.queryByRole('button', { name: 'Re-run failed jobs' }),
      ).toBeNull();
      expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
      await waitFor(() => expect(rerun).toBeEnabled());
      await userEvent.click(rerun);

      expect(
        await screen.findByText(
          'Re-run requested in Jenkins; it appears in the runs list once Jenkins starts it',
        ),
      ).toBeInTheDocument();
      expect(reruns).toEqual(['run-1']);
    });

    it('has no cancel button or approval form while it runs', async () => {
      renderRun(
        fakePipelinesApi({
          getRun: async () =>
            jenkinsRun({
              status: 'waiting',
              jobs: [
                aJob({
                  id: 'stage-prod',
                  name: 'Production',
                  status: 'waiting',
                  approvalRequired: true,
                  environment: 'production',
                  steps: [aStep({ status: 'pending' })],
                }),
              ],
            }),
        }),
      );

      expect(await screen.findByText('Job: Production')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Re-run' })).toBeNull();
    });

    it("shows the provider's message with a retry when it does not answer", async () => {
      let answering = false;
      const unavailable = await ResponseError.fromResponse({
        ok: false,
        status: 503,
        statusText: 'Service Unavailable',
        url: 'http://backend/api/pipelines/runs/run-1',
        headers: new Headers({ 'content-type': 'application/json' }),
        text: async () =>
          JSON.stringify({
            error: {
              name: 'ServiceUnavailableError',
              message: 'Jenkins "main" is not answering',
            },
            response: { statusCode: 503 },
          }),
      } as unknown as Response);
      renderRun(
        fakePipelinesApi({
          getRun: async () => {
            if (!answering) {
              throw unavailable;
            }
            return jenkinsRun();
          },
        }),
      );

      expect(
        await screen.findByText('Jenkins "main" is not answering'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Error: Could not load the run')).toBeNull();

      answering = true;
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

      expect(
        await screen.findByRole('heading', { name: 'shop/main #88' }),
      ).toBeInTheDocument();
    });
  });
});
