import { APIResponse, test as base } from '@playwright/test';

/** Options of the tests that steer the fake Jenkins. */
export interface FakeJenkinsOptions {
  /**
   * Control server of the fake Jenkins that scripts/e2e-server.js starts
   * next to the portal (see e2e/fakeJenkins/startE2eJenkins.ts).
   */
  jenkinsControlUrl: string;
}

/** What a test may do to the fake Jenkins. */
export interface FakeJenkinsControl {
  /** `METHOD path?query` of every request the portal made to it so far. */
  requests(): Promise<string[]>;
  /** Answers every request with `status` (a 5xx) until `recover`. */
  failWith(status: number): Promise<void>;
  recover(): Promise<void>;
}

async function ok(response: APIResponse, what: string) {
  if (!response.ok()) {
    throw new Error(
      `The fake Jenkins refused to ${what}: HTTP ${response.status()} ${await response.text()}`,
    );
  }
  return response;
}

/**
 * `test` with a `fakeJenkins` fixture; a test that put Jenkins into an
 * outage leaves it answering again, even when it fails.
 */
export const test = base.extend<
  FakeJenkinsOptions & { fakeJenkins: FakeJenkinsControl }
>({
  jenkinsControlUrl: ['http://127.0.0.1:7108', { option: true }],
  fakeJenkins: async ({ jenkinsControlUrl, playwright }, use) => {
    const request = await playwright.request.newContext({
      baseURL: jenkinsControlUrl,
    });
    const control: FakeJenkinsControl = {
      async requests() {
        const response = await ok(
          await request.get('/requests'),
          'list its requests',
        );
        return (await response.json()) as string[];
      },
      async failWith(status) {
        await ok(
          await request.put('/outage', { data: { status } }),
          'start an outage',
        );
      },
      async recover() {
        await ok(await request.delete('/outage'), 'end an outage');
      },
    };
    await use(control);
    await control.recover();
    await request.dispose();
  },
});

export { expect } from '@playwright/test';
