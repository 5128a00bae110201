import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ResponseError } from '@backstage/errors';
import {
  CreateRunRequest,
  ExternalSourceSummary,
} from '@golive/plugin-pipelines-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import { aRun, fakePipelinesApi, fakeSignalApi } from '../../testUtils/fakes';
import { requestedText } from '../RunPipelineDialog';
import { EntityRunsContent } from './EntityRunsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const pipeline = {
  name: 'ci',
  path: '.golive/pipeline.yaml',
  inputs: [
    {
      name: 'environment',
      type: 'choice' as const,
      required: true,
      options: ['staging', 'production'],
      default: 'staging',
    },
    {
      name: 'dryRun',
      type: 'boolean' as const,
      required: false,
      default: true,
    },
    {
      name: 'ticket',
      type: 'string' as const,
      required: true,
      description: 'Change ticket',
    },
  ],
};

function renderTab(api: PipelinesApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityRunsContent />
    </EntityProvider>,
    {
      apis: [
        [pipelinesApiRef, api],
        [signalApiRef, fakeSignalApi().api],
        mockApis.permission(),
      ],
      mountedRoutes: { '/pipelines/runs/:runId': runRouteRef },
    },
  );
}

const jenkinsSource: ExternalSourceSummary = {
  provider: 'jenkins',
  providerTitle: 'Jenkins',
  source: 'main:shop/deploy',
  label: 'shop/deploy',
  url: 'https://jenkins.example.com/job/shop/job/deploy/',
  canTrigger: true,
  inputs: [
    {
      name: 'TARGET',
      type: 'choice',
      required: true,
      options: ['staging', 'production'],
      default: 'staging',
    },
    { name: 'VERSION', type: 'string', required: true },
    { name: 'SKIP_TESTS', type: 'boolean', required: false, default: false },
  ],
};

describe('EntityRunsContent', () => {
  it('explains how to add a pipeline when the component has none', async () => {
    renderTab(fakePipelinesApi());

    expect(
      await screen.findByText('This component has no pipeline yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('.golive/pipeline.yaml')).toBeInTheDocument();
  });

  it("lists the component's runs", async () => {
    const entityRefs: (string | undefined)[] = [];
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => pipeline,
        listRuns: async filter => {
          entityRefs.push(filter?.entityRef);
          return { items: [aRun({ number: 4 })], totalCount: 1 };
        },
      }),
    );

    expect(await screen.findByText('ci #4')).toBeInTheDocument();
    expect(entityRefs).toContain('component:default/shop');
  });

  it('starts a run with the typed inputs and their defaults', async () => {
    const requests: CreateRunRequest[] = [];
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => pipeline,
        createRun: async request => {
          requests.push(request);
          return aRun({ id: 'new-run' });
        },
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Run pipeline' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Run ci')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox')).toBeChecked();

    // The ticket is required.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run pipeline' }),
    );
    expect(within(dialog).getByText('Required')).toBeInTheDocument();
    expect(requests).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText(/ticket/), 'CHG-7');
    await userEvent.type(
      within(dialog).getByLabelText('Branch or tag'),
      'release/1.2',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run pipeline' }),
    );

    await waitFor(() =>
      expect(requests).toEqual([
        {
          entityRef: 'component:default/shop',
          ref: 'release/1.2',
          inputs: { environment: 'staging', dryRun: true, ticket: 'CHG-7' },
        },
      ]),
    );
  });

  it('lists the problems of an invalid pipeline file', async () => {
    const invalid = await ResponseError.fromResponse({
      ok: false,
      status: 400,
      statusText: 'Bad Request',
      url: 'http://backend/api/pipelines/runs',
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () =>
        JSON.stringify({
          error: {
            name: 'InputError',
            message: 'The pipeline file is invalid',
            problems: [
              { message: 'Unknown field "stpes"', line: 9, column: 5 },
            ],
          },
          response: { statusCode: 400 },
        }),
    } as unknown as Response);
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => ({ ...pipeline, inputs: [] }),
        createRun: async () => {
          throw invalid;
        },
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Run pipeline' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run pipeline' }),
    );

    expect(
      await within(dialog).findByText('Unknown field "stpes"'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Line 9, column 5')).toBeInTheDocument();
  });

  it('shows the error when the pipeline cannot be read', async () => {
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => {
          throw new Error('repository unreachable');
        },
      }),
    );

    expect(
      await screen.findByText(
        'Error: Could not read the pipeline of this component',
      ),
    ).toBeInTheDocument();
  });

  it('starts a build of a chosen Jenkins job with its parameters', async () => {
    const requests: CreateRunRequest[] = [];
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => pipeline,
        getExternalSources: async () => ({
          items: [
            jenkinsSource,
            {
              ...jenkinsSource,
              source: 'main:shop/nightly',
              label: 'shop/nightly',
              canTrigger: false,
            },
          ],
        }),
        createRun: async request => {
          requests.push(request);
          return { accepted: true };
        },
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Run pipeline' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Run on'));
    const choices = within(screen.getByRole('listbox'));
    // A job that cannot be started from the portal is not offered.
    expect(choices.queryByText('Jenkins: shop/nightly')).toBeNull();
    await userEvent.click(choices.getByText('Jenkins: shop/deploy'));

    expect(within(dialog).getByText('Run shop/deploy')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Branch or tag')).toBeNull();
    expect(within(dialog).queryByLabelText(/ticket/)).toBeNull();
    await userEvent.type(within(dialog).getByLabelText(/VERSION/), '1.4.2');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'SKIP_TESTS' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run pipeline' }),
    );

    expect(
      await screen.findByText(
        'Build requested in Jenkins; it appears here once Jenkins starts it',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests).toEqual([
      {
        entityRef: 'component:default/shop',
        provider: 'jenkins',
        source: 'main:shop/deploy',
        inputs: { TARGET: 'staging', VERSION: '1.4.2', SKIP_TESTS: true },
      },
    ]);
  });

  it('gives a component with only external sources its runs and dialog', async () => {
    const requests: CreateRunRequest[] = [];
    renderTab(
      fakePipelinesApi({
        getExternalSources: async () => ({
          items: [{ ...jenkinsSource, inputs: [] }],
        }),
        listRuns: async () => ({
          items: [
            aRun({
              number: 31,
              pipelineName: 'shop/deploy',
              provider: 'jenkins',
              providerTitle: 'Jenkins',
            }),
          ],
          totalCount: 1,
        }),
        createRun: async request => {
          requests.push(request);
          return { accepted: true };
        },
      }),
    );

    expect(await screen.findByText('shop/deploy #31')).toBeInTheDocument();
    expect(
      screen.queryByText('This component has no pipeline yet'),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Run pipeline' }));
    const dialog = await screen.findByRole('dialog');
    // The only thing to run needs no choice.
    expect(within(dialog).queryByLabelText('Run on')).toBeNull();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run pipeline' }),
    );

    expect(
      await screen.findByText(requestedText('Jenkins')),
    ).toBeInTheDocument();
    expect(requests).toEqual([
      {
        entityRef: 'component:default/shop',
        provider: 'jenkins',
        source: 'main:shop/deploy',
        inputs: {},
      },
    ]);
  });

  it('keeps the Run pipeline button off when no source can be started', async () => {
    renderTab(
      fakePipelinesApi({
        getExternalSources: async () => ({
          items: [{ ...jenkinsSource, canTrigger: false }],
        }),
      }),
    );

    expect(
      await screen.findByText(
        'No runs yet. Builds of shop/deploy appear here once they start.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run pipeline' })).toBeDisabled();
  });

  it('still offers the GoLive pipeline when external sources cannot be read', async () => {
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => pipeline,
        getExternalSources: async () => {
          throw new Error('backend is restarting');
        },
      }),
    );

    expect(
      await screen.findByText(/Could not read the external CI sources/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run pipeline' })).toBeEnabled();
  });

  it('shows external runs when the GoLive pipeline cannot be read', async () => {
    renderTab(
      fakePipelinesApi({
        getEntityPipeline: async () => {
          throw new Error('repository unreachable');
        },
        getExternalSources: async () => ({ items: [jenkinsSource] }),
        listRuns: async () => ({
          items: [
            aRun({
              number: 31,
              pipelineName: 'shop/deploy',
              provider: 'jenkins',
              providerTitle: 'Jenkins',
            }),
          ],
          totalCount: 1,
        }),
      }),
    );

    expect(await screen.findByText('shop/deploy #31')).toBeInTheDocument();
    expect(
      screen.getByText(/Could not read the GoLive pipeline of this component/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run pipeline' })).toBeEnabled();
  });
});
