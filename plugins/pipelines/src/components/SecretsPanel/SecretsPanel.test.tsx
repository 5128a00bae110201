import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SecretSummary } from '@golive/plugin-pipelines-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PipelinesApi, pipelinesApiRef } from '../../api/PipelinesApi';
import { fakePipelinesApi } from '../../testUtils/fakes';
import { fakeSecretStore } from '../../testUtils/fakeSecretStore';
import { SecretsPanel } from './SecretsPanel';

const shop = 'component:default/shop';

const deployToken: SecretSummary = {
  name: 'DEPLOY_TOKEN',
  entityRef: shop,
  updatedAt: '2024-05-01T10:00:00Z',
  updatedBy: 'user:default/ada',
};

function renderPanel(
  api: PipelinesApi,
  options: {
    entityRef?: string;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderInTestApp(<SecretsPanel entityRef={options.entityRef} />, {
    apis: [
      [pipelinesApiRef, api],
      mockApis.permission({ authorize: options.authorize }),
    ],
  });
}

async function enabledButton(name: string | RegExp) {
  // The buttons wait for the permission check.
  await waitFor(() =>
    expect(screen.getByRole('button', { name })).toBeEnabled(),
  );
  return screen.getByRole('button', { name });
}

describe('SecretsPanel', () => {
  it("lists the entity's secret names with who changed them and when", async () => {
    const { api } = fakeSecretStore([
      deployToken,
      { ...deployToken, name: 'GLOBAL_ONLY', entityRef: undefined },
    ]);
    renderPanel(api, { entityRef: shop });

    expect(await screen.findByText('DEPLOY_TOKEN')).toBeInTheDocument();
    expect(screen.getByText('user:default/ada')).toBeInTheDocument();
    expect(
      screen.getByText(new Date(deployToken.updatedAt).toLocaleString()),
    ).toBeInTheDocument();
    expect(screen.queryByText('GLOBAL_ONLY')).not.toBeInTheDocument();
  });

  it('explains how jobs receive secrets when there is none', async () => {
    renderPanel(fakeSecretStore().api, { entityRef: shop });

    expect(
      await screen.findByText('No secrets for this component yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/as an environment variable of the same name/),
    ).toBeInTheDocument();
    expect(screen.getByText(/are masked as/)).toBeInTheDocument();
  });

  it('adds a secret with the typed value and lists it, never showing the value', async () => {
    const store = fakeSecretStore();
    renderPanel(store.api, { entityRef: shop });

    await userEvent.click(await enabledButton('Add secret'));
    const dialog = await screen.findByRole('dialog');
    const value = within(dialog).getByLabelText(/Value/);
    expect(value).toHaveAttribute('type', 'password');
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'NPM_TOKEN');
    await userEvent.type(value, 'hunter2-secret');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('NPM_TOKEN')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(store.values.get(store.key('NPM_TOKEN', shop))).toBe(
      'hunter2-secret',
    );
    expect(screen.queryByText(/hunter2/)).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(/hunter2/)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('hunter2');
  });

  it('refuses a name that is not an environment variable name', async () => {
    const store = fakeSecretStore();
    renderPanel(store.api, { entityRef: shop });

    await userEvent.click(await enabledButton('Add secret'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'npm-token');
    await userEvent.type(within(dialog).getByLabelText(/Value/), 'x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      within(dialog).getByText(
        /Use upper-case letters, digits and underscores/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(store.values.size).toBe(0);
  });

  it('refuses an empty value and a name that is taken', async () => {
    const store = fakeSecretStore([deployToken]);
    renderPanel(store.api, { entityRef: shop });
    await screen.findByText('DEPLOY_TOKEN');

    await userEvent.click(await enabledButton('Add secret'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'DEPLOY_TOKEN');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      within(dialog).getByText(/A secret with this name exists/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Required')).toBeInTheDocument();
    expect(store.values.size).toBe(0);
  });

  it('replaces the value of a secret under the same name', async () => {
    const store = fakeSecretStore([deployToken]);
    renderPanel(store.api, { entityRef: shop });

    await userEvent.click(await enabledButton('Replace DEPLOY_TOKEN'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Replace DEPLOY_TOKEN'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Name/)).toBeDisabled();
    expect(within(dialog).getByLabelText(/Value/)).toHaveValue('');
    await userEvent.type(within(dialog).getByLabelText(/Value/), 'rotated');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Replace' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(store.values.get(store.key('DEPLOY_TOKEN', shop))).toBe('rotated');
    expect(document.body.innerHTML).not.toContain('rotated');
  });

  it('asks for confirmation before deleting a secret', async () => {
    const store = fakeSecretStore([deployToken]);
    renderPanel(store.api, { entityRef: shop });

    await userEvent.click(await enabledButton('Delete DEPLOY_TOKEN'));
    let dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Delete DEPLOY_TOKEN?'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('DEPLOY_TOKEN')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete DEPLOY_TOKEN' }),
    );
    dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(
      await screen.findByText('No secrets for this component yet'),
    ).toBeInTheDocument();
  });

  it('disables the buttons with an explanation for people who may not manage secrets', async () => {
    // usePermission caches answers per resource across renders, so this
    // test asks about an entity no other test has asked about.
    const locked = 'component:default/locked';
    renderPanel(fakeSecretStore([{ ...deployToken, entityRef: locked }]).api, {
      entityRef: locked,
      authorize: AuthorizeResult.DENY,
    });

    await screen.findByText('DEPLOY_TOKEN');
    await waitFor(() =>
      expect(
        screen.getAllByTitle("You may not manage this component's secrets"),
      ).toHaveLength(3),
    );
    expect(screen.getByRole('button', { name: 'Add secret' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Replace DEPLOY_TOKEN' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete DEPLOY_TOKEN' }),
    ).toBeDisabled();
  });

  it('manages global secrets when there is no entity', async () => {
    const store = fakeSecretStore([{ ...deployToken, entityRef: undefined }]);
    renderPanel(store.api);

    expect(await screen.findByText('Global secrets')).toBeInTheDocument();
    await userEvent.click(await enabledButton('Delete DEPLOY_TOKEN'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(
      await screen.findByText('No secrets for all components yet'),
    ).toBeInTheDocument();
  });

  it('disables global secret buttons when the permission is denied', async () => {
    renderPanel(fakeSecretStore().api, { authorize: AuthorizeResult.DENY });

    await screen.findByText('No secrets for all components yet');
    await waitFor(() =>
      expect(
        screen.getByTitle('You may not manage global secrets'),
      ).toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Add secret' })).toBeDisabled();
  });

  it('explains that secrets are hidden when the backend refuses the list', async () => {
    const forbidden = await ResponseError.fromResponse({
      ok: false,
      status: 403,
      statusText: 'Forbidden',
      url: 'http://backend/api/pipelines/secrets',
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () =>
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        }),
    } as unknown as Response);
    renderPanel(
      fakePipelinesApi({
        listSecrets: async () => {
          throw forbidden;
        },
      }),
      { authorize: AuthorizeResult.DENY },
    );

    expect(
      await screen.findByText('You may not see the global secrets'),
    ).toBeInTheDocument();
  });

  it('shows the error when secrets cannot be loaded', async () => {
    renderPanel(
      fakePipelinesApi({
        listSecrets: async () => {
          throw new Error('backend is down');
        },
      }),
      { entityRef: shop },
    );

    expect(
      await screen.findByText('Error: Could not load secrets'),
    ).toBeInTheDocument();
  });

  it('shows the error when a secret cannot be saved, keeping the dialog open', async () => {
    renderPanel(
      fakePipelinesApi({
        putSecret: async () => {
          throw new Error('Not allowed to manage global secrets');
        },
      }),
    );

    await userEvent.click(await enabledButton('Add secret'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'TOKEN');
    await userEvent.type(within(dialog).getByLabelText(/Value/), 'abc');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      await within(dialog).findByText('Error: Could not save the secret'),
    ).toBeInTheDocument();
  });
});
