import { Page } from '@playwright/test';
import { expect, test } from './support/fakeJenkins';
import { signInAsGuest } from './support/signInAsGuest';

const shots = 'test-results/e2e/screenshots';

// The Jenkins-built component of e2e/entities.yaml and its job on the fake
// Jenkins (e2e/fakeJenkins/seedJenkins.ts), reached over HTTP by the real
// Jenkins module through the backend's outbound HTTP client.
const cicdTab = '/catalog/default/component/inventory-service/ci-cd';
const job = 'shop/inventory/main';
const jobPath = '/job/shop/job/inventory/job/main';

const jenkinsBadges = (page: Page) => page.getByLabel('Provider: Jenkins');
const outageAlert = (page: Page) =>
  page
    .getByRole('alert')
    .filter({ hasText: 'Jenkins "default" is not answering; retrying.' });
const runRow = (page: Page, number: number) =>
  page.getByRole('row').filter({
    has: page.getByRole('link', { name: `${job} #${number}`, exact: true }),
  });

/** Picks exactly these options in the Provider filter of a runs list. */
async function filterByProvider(page: Page, providers: string[]) {
  // the select itself: a menu still fading out is labelled "Provider" too
  await page.getByRole('button', { name: /^Provider\b/ }).click();
  const listbox = page.getByRole('listbox');
  for (const option of await listbox.getByRole('option').all()) {
    const name = (await option.textContent())?.trim() ?? '';
    const selected = (await option.getAttribute('aria-selected')) === 'true';
    if (selected !== providers.includes(name)) {
      await option.click();
    }
  }
  await page.keyboard.press('Escape');
  await expect(listbox).toHaveCount(0);
}

test.describe('Jenkins builds in the portal', () => {
  test('shows the builds of a Jenkins job on the CI/CD tab and a build page', async ({
    page,
    fakeJenkins,
  }) => {
    await signInAsGuest(page);
    await page.goto(cicdTab);

    // The first visit syncs the job in the background and a signal
    // refreshes the table, so no reload is needed.
    await expect(jenkinsBadges(page)).toHaveCount(3);
    await expect(runRow(page, 1)).toContainText('Succeeded');
    await expect(runRow(page, 1)).toContainText('Push');
    await expect(runRow(page, 1)).toContainText('4f1c2e9');
    await expect(runRow(page, 2)).toContainText('Failed');
    await expect(runRow(page, 2)).toContainText('Manual');
    await expect(runRow(page, 2)).toContainText('ada');
    await expect(runRow(page, 3)).toContainText('Succeeded');
    await expect(
      runRow(page, 3).getByRole('link', { name: /Open in Jenkins/ }),
    ).toHaveAttribute('href', new RegExp(`${jobPath}/3/$`));
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-cicd-tab.png`,
      fullPage: true,
    });

    await runRow(page, 2)
      .getByRole('link', { name: `${job} #2`, exact: true })
      .click();
    await expect(page).toHaveURL(/\/pipelines\/runs\/[0-9a-f-]+/);
    await expect(
      page.getByRole('heading', { name: `${job} #2` }),
    ).toBeVisible();
    await expect(jenkinsBadges(page)).toBeVisible();

    // Stages of the Stage View are the jobs; the failed one opens first,
    // with its steps and the build's console log.
    const graph = page.getByRole('group', { name: 'Job graph' });
    for (const stage of [
      'Checkout: Succeeded',
      'Build: Succeeded',
      'Test: Failed',
      'Deploy: Skipped',
    ]) {
      await expect(graph.getByRole('button', { name: stage })).toBeVisible();
    }
    await expect(page.getByText('Job: Test')).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Shell Script: ./gradlew test' }),
    ).toBeVisible();
    await expect(
      page.getByText('InventoryServiceTest > reservesStockForAnOrder() FAILED'),
    ).toBeVisible();
    await expect(page.getByText('Started by user Ada Lovelace')).toBeVisible();
    await expect(page.getByText('Finished: FAILURE')).toBeVisible();
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-build.png`,
      fullPage: true,
    });

    // All of it came over HTTP from the fake Jenkins.
    const requests = await fakeJenkins.requests();
    for (const path of [
      `${jobPath}/api/json?tree=allBuilds`,
      `${jobPath}/2/wfapi/describe`,
      `${jobPath}/2/execution/node/14/wfapi/describe`,
      `${jobPath}/2/logText/progressiveText?start=0`,
    ]) {
      expect(requests).toContainEqual(expect.stringContaining(`GET ${path}`));
    }
  });

  test('filters the Pipelines page by provider', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/pipelines');
    await expect(jenkinsBadges(page)).toHaveCount(3);

    await filterByProvider(page, ['Jenkins']);
    await expect(jenkinsBadges(page)).toHaveCount(3);
    await expect(page.getByLabel('Provider: GoLive')).toHaveCount(0);
    await expect(runRow(page, 2)).toContainText('inventory-service');
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-pipelines-filter.png`,
      fullPage: true,
    });

    // GoLive's own runs only: the demo pipeline's, if a test ran it
    await filterByProvider(page, ['GoLive']);
    await expect(
      page
        .getByText('No run matches these filters.')
        .or(page.getByLabel('Provider: GoLive').first()),
    ).toBeVisible();
    await expect(jenkinsBadges(page)).toHaveCount(0);
  });

  test('shows an alert above the runs when Jenkins stops answering', async ({
    page,
    fakeJenkins,
  }) => {
    await signInAsGuest(page);
    await page.goto('/pipelines');
    await expect(jenkinsBadges(page)).toHaveCount(3);

    await fakeJenkins.failWith(503);
    // A sync runs every 2 s in the e2e portal; the first one that fails
    // signals the open page, which shows the alert without a reload.
    await expect(outageAlert(page)).toBeVisible({ timeout: 30_000 });
    await expect(outageAlert(page)).toContainText('retrying. Last synced');
    // The runs synced before the outage stay listed.
    await expect(jenkinsBadges(page)).toHaveCount(3);
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-outage-pipelines.png`,
      fullPage: true,
    });
    // The CI/CD tab of the Jenkins-built component shows the same alert
    // above its runs, and offers no start while Jenkins is down.
    await page.goto(cicdTab);
    await expect(outageAlert(page)).toBeVisible();
    await expect(jenkinsBadges(page)).toHaveCount(3);
    await expect(
      page.getByRole('button', { name: 'Run pipeline' }),
    ).toBeDisabled();
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-outage-cicd-tab.png`,
      fullPage: true,
    });

    // A build's page asks Jenkins for its stages, and says why it cannot.
    await runRow(page, 2)
      .getByRole('link', { name: `${job} #2`, exact: true })
      .click();
    await expect(
      page.getByText("The run's CI provider is not answering"),
    ).toBeVisible();
    await expect(
      page.getByText('Jenkins "default" is not answering'),
    ).toBeVisible();
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/jenkins-outage-build.png`,
      fullPage: true,
    });
  });
});
