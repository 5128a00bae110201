import {
  BitbucketCloudIntegrationConfig,
  getBitbucketCloudOAuthToken,
} from '@backstage/integration';

/**
 * The user name and password that `git` over HTTPS takes for each kind of
 * Bitbucket Cloud credential; undefined without credentials.
 */
export async function bitbucketGitCredentials(
  config: BitbucketCloudIntegrationConfig,
): Promise<{ username: string; password: string } | undefined> {
  const { username, appPassword, token, clientId, clientSecret } = config;

  if (clientId && clientSecret) {
    const accessToken = await getBitbucketCloudOAuthToken(
      clientId,
      clientSecret,
    );
    return { username: 'x-token-auth', password: accessToken };
  }
  if (username && token) {
    // Atlassian API tokens use a fixed git user name.
    return { username: 'x-bitbucket-api-token-auth', password: token };
  }
  if (username && appPassword) {
    return { username, password: appPassword };
  }
  if (token) {
    // Repository, project and workspace access tokens.
    return { username: 'x-token-auth', password: token };
  }
  return undefined;
}
