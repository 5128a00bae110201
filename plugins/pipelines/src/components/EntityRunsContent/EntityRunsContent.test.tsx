import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ResponseError } from '@backstage/errors';
import { CreateRunRequest } from '@golive/plugin-pipelines-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { runRouteRef } from '../../routes';
import { aRun, fakePipelinesApi, fakeSignalApi } from '../../testUtils/fakes';
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
});
