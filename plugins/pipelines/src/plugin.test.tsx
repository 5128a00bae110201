import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen } from '@testing-library/react';
import { pipelinesApiRef } from './api/PipelinesApi';
import { pipelinesPlugin } from './plugin';
import { aJob, aRun, fakePipelinesApi, fakeSignalApi } from './testUtils/fakes';

jest.mock('react-virtualized-auto-sizer', () => ({
  __esModule: true,
  default: (props: {
    children: (size: { width: number; height: number }) => unknown;
  }) => props.children({ width: 800, height: 400 }),
}));

function renderAt(path: string) {
  return renderTestApp({
    features: [pipelinesPlugin],
    initialRouteEntries: [path],
    apis: [
      [
        pipelinesApiRef,
        fakePipelinesApi({
          listRuns: async () => ({
            items: [aRun({ id: 'r1', number: 5 })],
            totalCount: 1,
          }),
          getRun: async runId =>
            aRun({ id: runId, number: 5, jobs: [aJob({ name: 'compile' })] }),
        }),
      ],
      [signalApiRef, fakeSignalApi().api],
      mockApis.permission(),
    ],
  });
}

describe('pipelinesPlugin', () => {
  it('serves the runs list at /pipelines, linking to run pages', async () => {
    renderAt('/pipelines');

    expect(await screen.findByRole('link', { name: 'ci #5' })).toHaveAttribute(
      'href',
      '/pipelines/runs/r1',
    );
  });

  it('serves a run page at /pipelines/runs/:runId', async () => {
    renderAt('/pipelines/runs/r1');

    expect(
      await screen.findByRole('heading', { name: 'ci #5' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Job: compile')).toBeInTheDocument();
  });
});
