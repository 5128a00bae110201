import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { testAppConfig } from '../../__testUtils__/testAppConfig';
import { SignInPage } from './SignInPage';

// No earlier GitHub session: the page must ask rather than sign in.
const githubAuthApi = {
  getBackstageIdentity: async () => undefined,
  getProfile: async () => undefined,
  signIn: async () => {},
  signOut: async () => {},
  sessionState$: jest.fn(),
  getAccessToken: async () => '',
};

function renderSignInPage(githubEnabled?: boolean, guestEnabled?: boolean) {
  const auth: Record<string, { enabled: boolean }> = {};
  if (githubEnabled !== undefined) auth.github = { enabled: githubEnabled };
  if (guestEnabled !== undefined) auth.guest = { enabled: guestEnabled };
  return renderInTestApp(<SignInPage onSignInSuccess={jest.fn()} />, {
    config: testAppConfig({ golive: { auth } }),
    apis: [[githubAuthApiRef, githubAuthApi]],
  });
}

describe('SignInPage', () => {
  beforeEach(() => {
    // The guest provider first looks for a session on the auth backend,
    // which these tests do not run.
    jest
      .spyOn(global, 'fetch')
      .mockRejectedValue(new TypeError('fetch failed'));
    jest.spyOn(console, 'warn').mockImplementation(() => {});
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('offers guest sign-in with an Enter button', async () => {
    renderSignInPage();

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sign in to GoLive')).toBeInTheDocument();
  });

  it('leaves GitHub out when the flag is not set', async () => {
    renderSignInPage();

    await screen.findByRole('button', { name: 'Enter' });
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });

  it('leaves GitHub out when the flag is false', async () => {
    renderSignInPage(false);

    await screen.findByRole('button', { name: 'Enter' });
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });

  it('offers GitHub next to guest when the flag is true', async () => {
    renderSignInPage(true);

    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your GitHub account'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });

  it('offers GitHub alone when guest sign-in is turned off', async () => {
    renderSignInPage(true, false);

    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it('keeps guest when both are off, so the page has a way in', async () => {
    renderSignInPage(false, false);

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
  });
});
