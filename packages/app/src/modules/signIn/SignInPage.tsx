import { SignInPage as BackstageSignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';

/** The frontend-visible flag that says the backend can sign in with GitHub. */
export const GITHUB_SIGN_IN_FLAG = 'golive.auth.github.enabled';

/** The frontend-visible flag that offers guest sign-in (default: on). */
export const GUEST_SIGN_IN_FLAG = 'golive.auth.guest.enabled';

const githubProvider = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

// Constant arrays: Backstage's sign-in page re-runs its provider setup
// whenever the array it receives is a new one.
const guestOnly: ['guest'] = ['guest'];
const githubOnly: [typeof githubProvider] = [githubProvider];
const githubAndGuest: [typeof githubProvider, 'guest'] = [
  githubProvider,
  'guest',
];

/**
 * Offers guest sign-in unless config turns it off (production does), and
 * GitHub when config says the auth backend has a GitHub provider; a button
 * that can only fail is worse than none.
 */
export function SignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const githubEnabled =
    configApi.getOptionalBoolean(GITHUB_SIGN_IN_FLAG) ?? false;
  const guestEnabled = configApi.getOptionalBoolean(GUEST_SIGN_IN_FLAG) ?? true;

  let providers: typeof guestOnly | typeof githubOnly | typeof githubAndGuest =
    guestOnly;
  if (githubEnabled) {
    providers = guestEnabled ? githubAndGuest : githubOnly;
  }

  return (
    <BackstageSignInPage
      onSignInSuccess={props.onSignInSuccess}
      providers={providers}
      title="Sign in to GoLive"
      align="center"
    />
  );
}
