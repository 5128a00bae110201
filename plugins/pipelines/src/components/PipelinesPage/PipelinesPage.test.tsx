import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  RUNS_SIGNAL_CHANNEL,
  RunFilter,
} from '@golive/plugin-pipelines-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import { aRun, fakePipelinesApi, fakeSignalApi } from '../../testUtils/fakes';
import { PipelinesPage } from './PipelinesPage';

function renderPage(api: PipelinesApi, signals = fakeSignalApi()) {
  return renderInTestApp(<PipelinesPage />, {
    apis: [
      [pipelinesApiRef, api],
      [signalApiRef, signals.api],
      mockApis.permission(),
    ],
    mountedRoutes: { '/pipelines/runs/:runId': runRouteRef },
  });
}

describe('PipelinesPage', () => {
  it('lists runs of every entity with status, branch, duration and a link', async () => {
    const api = fakePipelinesApi({
      listRuns: async () => ({
        items: [
          aRun({ id: 'r1', number: 3, status: 'failed' }),
          aRun({
            id: 'r2',
            number: 7,
            entityRef: 'component:default/billing',
            status: 'running',
            ref: 'refs/heads/feature/x',
            durationMs: 4_000,
          }),
          aRun({
            id: 'r3',
            number: 8,
            ref: 'refs/tags/v2.1',
            durationMs: 9_000,
          }),
        ],
        totalCount: 3,
      }),
    });
    renderPage(api);

    const link = await screen.findByRole('link', { name: 'ci #3' });
    expect(link).toHaveAttribute('href', '/pipelines/runs/r1');
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(screen.getByText('billing')).toBeInTheDocument();
    // full ref names read as branch and tag names
    expect(screen.getByText('feature/x')).toBeInTheDocument();
    expect(screen.getByText('tag v2.1')).toBeInTheDocument();
    expect(screen.getByText('2m 5s')).toBeInTheDocument();
    expect(screen.getByText('4s')).toBeInTheDocument();
  });

  it('explains where runs come from when there is none', async () => {
    renderPage(fakePipelinesApi());

    expect(
      await screen.findByText('No pipeline has run yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when runs cannot be loaded', async () => {
    renderPage(
      fakePipelinesApi({
        listRuns: async () => {
          throw new Error('backend is down');
        },
      }),
    );

    expect(
      await screen.findByText('Error: Could not load runs'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend is down/).length).toBeGreaterThan(0);
  });

  it('filters by status and branch', async () => {
    const filters: RunFilter[] = [];
    renderPage(
      fakePipelinesApi({
        listRuns: async filter => {
          filters.push(filter ?? {});
          return { items: [], totalCount: 0 };
        },
      }),
    );
    await screen.findByText('No pipeline has run yet');

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Failed'),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.type(screen.getByLabelText('Branch'), 'main');

    await waitFor(() =>
      expect(filters[filters.length - 1]).toMatchObject({
        status: ['failed'],
        ref: 'main',
      }),
    );
    expect(
      await screen.findByText('No run matches these filters.'),
    ).toBeInTheDocument();
  });

  it('pages through runs with the cursor', async () => {
    const api = fakePipelinesApi({
      listRuns: async filter =>
        filter?.cursor === 'page-2'
          ? { items: [aRun({ id: 'old', number: 1 })], totalCount: 26 }
          : {
              items: [aRun({ id: 'new', number: 26 })],
              totalCount: 26,
              nextCursor: 'page-2',
            },
    });
    renderPage(api);
    await screen.findByText('ci #26');

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));

    expect(await screen.findByText('ci #1')).toBeInTheDocument();
    expect(screen.getByText('26–26 of 26')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('ci #26')).toBeInTheDocument();
  });

  it('reloads when a run changes, without polling', async () => {
    let status: 'running' | 'succeeded' = 'running';
    const signals = fakeSignalApi();
    renderPage(
      fakePipelinesApi({
        listRuns: async () => ({ items: [aRun({ status })], totalCount: 1 }),
      }),
      signals,
    );
    await screen.findByText('Running');

    status = 'succeeded';
    act(() => signals.send(RUNS_SIGNAL_CHANNEL, { runId: 'run-1' }));

    expect(await screen.findByText('Succeeded')).toBeInTheDocument();
  });

  it('checks a pasted pipeline and lists each problem with its position', async () => {
    renderPage(
      fakePipelinesApi({
        validatePipeline: async () => ({
          valid: false,
          problems: [
            {
              message: "Job 'deploy' needs unknown job 'tset'",
              path: 'jobs.deploy.needs[0]',
              line: 12,
              column: 14,
            },
          ],
        }),
      }),
    );

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Check pipeline' }),
    );
    await userEvent.type(screen.getByLabelText('Pipeline file'), 'name: x');
    await userEvent.click(
      screen.getByRole('button', { name: 'Check pipeline' }),
    );

    expect(
      await screen.findByText("Job 'deploy' needs unknown job 'tset'"),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Line 12, column 14 · jobs.deploy.needs[0]'),
    ).toBeInTheDocument();
  });

  it('manages global secrets on the Secrets tab', async () => {
    const asked: (string | undefined)[] = [];
    renderPage(
      fakePipelinesApi({
        listSecrets: async entityRef => {
          asked.push(entityRef);
          return { items: [] };
        },
      }),
    );

    await userEvent.click(await screen.findByRole('tab', { name: 'Secrets' }));

    expect(
      await screen.findByText('No secrets for all components yet'),
    ).toBeInTheDocument();
    expect(asked).toEqual([undefined]);
  });

  describe('with external CI providers', () => {
    const jenkinsRun = aRun({
      id: 'jenkins-1',
      number: 88,
      pipelineName: 'shop/main',
      provider: 'jenkins',
      providerTitle: 'Jenkins',
      source: 'shop/main on main',
      url: 'https://jenkins.example.com/job/shop/job/main/88/',
    });
    const providers = [
      {
        provider: 'jenkins',
        providerTitle: 'Jenkins',
        state: 'ok' as const,
        lastSyncedAt: new Date().toISOString(),
      },
      {
        provider: 'github-actions',
        providerTitle: 'GitHub Actions',
        state: 'ok' as const,
      },
    ];

    it('badges each run with its provider and links external runs out', async () => {
      renderPage(
        fakePipelinesApi({
          listRuns: async () => ({
            items: [aRun({ id: 'own', number: 3 }), jenkinsRun],
            totalCount: 2,
            providers,
          }),
        }),
      );

      await screen.findByRole('link', { name: 'shop/main #88' });
      // The table may redraw its rows, so each row is looked up afresh.
      const row = (name: string) =>
        within(screen.getByRole('link', { name }).closest('tr')!);

      expect(row('ci #3').getByText('GoLive')).toBeInTheDocument();
      expect(row('ci #3').queryByText(/Open in/)).not.toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'shop/main #88' }),
      ).toHaveAttribute('href', '/pipelines/runs/jenkins-1');
      expect(row('shop/main #88').getByText('Jenkins')).toBeInTheDocument();
      expect(
        row('shop/main #88').getByText(/shop\/main on main/),
      ).toBeInTheDocument();
      expect(
        row('shop/main #88').getByRole('link', { name: /Open in Jenkins/ }),
      ).toHaveAttribute('href', jenkinsRun.url);
    });

    it('explains an unavailable provider above the runs', async () => {
      const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 5_000);
      renderPage(
        fakePipelinesApi({
          listRuns: async () => ({
            items: [],
            totalCount: 0,
            providers: [
              {
                provider: 'jenkins',
                providerTitle: 'Jenkins',
                state: 'unavailable',
                message: 'Jenkins "main" is not answering',
                lastSyncedAt: fiveMinutesAgo.toISOString(),
              },
              { ...providers[1], state: 'ok' },
            ],
          }),
        }),
      );

      expect(
        await screen.findByText(
          'Jenkins "main" is not answering; retrying. Last synced 5 minutes ago',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/GitHub Actions.*retrying/)).toBeNull();
      // The table stays, with its own empty state below the alert.
      expect(screen.getByText('No pipeline has run yet')).toBeInTheDocument();
    });

    it('names a provider that never synced', async () => {
      renderPage(
        fakePipelinesApi({
          listRuns: async () => ({
            items: [],
            totalCount: 0,
            providers: [
              {
                ...providers[1],
                state: 'unavailable',
                lastSyncedAt: undefined,
              },
            ],
          }),
        }),
      );

      expect(
        await screen.findByText(
          'GitHub Actions is not answering; retrying. Not synced yet',
        ),
      ).toBeInTheDocument();
    });

    it('filters by provider', async () => {
      const filters: RunFilter[] = [];
      renderPage(
        fakePipelinesApi({
          listRuns: async filter => {
            filters.push(filter ?? {});
            // A filtered page names only the providers it asked for.
            return {
              items: [],
              totalCount: 0,
              providers: filter?.provider?.length ? [] : providers,
            };
          },
        }),
      );
      await screen.findByText('No pipeline has run yet');

      await userEvent.click(screen.getByLabelText('Provider'));
      await userEvent.click(
        within(screen.getByRole('listbox')).getByText('Jenkins'),
      );
      await userEvent.click(
        within(screen.getByRole('listbox')).getByText('GoLive'),
      );
      await userEvent.keyboard('{Escape}');

      await waitFor(() =>
        expect(filters[filters.length - 1].provider).toEqual([
          'jenkins',
          'golive',
        ]),
      );
      // The options stay although the filtered page named no provider.
      await userEvent.click(screen.getByLabelText('Provider'));
      expect(
        within(screen.getByRole('listbox')).getByText('GitHub Actions'),
      ).toBeInTheDocument();
    });

    it('has no provider filter when no external provider is installed', async () => {
      renderPage(fakePipelinesApi());

      await screen.findByText('No pipeline has run yet');
      expect(screen.queryByLabelText('Provider')).not.toBeInTheDocument();
    });
  });
});
