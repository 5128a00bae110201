import { expect, test } from '@playwright/test';

const shots = 'test-results/e2e/screenshots';

// The newcomer's walk of the pipelines issue: open the demo component, run
// its pipeline, watch the live log, approve production, see it succeed.
test('runs the demo pipeline from the CI/CD tab through approval', async ({
  page,
}) => {
  test.setTimeout(180_000);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page.goto('/catalog/default/component/shop-web/ci-cd');

  await page.getByRole('button', { name: 'Run pipeline' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('reason')).toBeVisible();
  await page.screenshot({
    animations: 'disabled',
    path: `${shots}/run-dialog.png`,
  });
  await dialog.getByRole('button', { name: 'Run pipeline' }).click();

  await expect(page).toHaveURL(/\/pipelines\/runs\/[0-9a-f-]+/);
  await page
    .getByRole('button', { name: /^Build/ })
    .first()
    .click();
  // A running step opens by itself; one that already finished is folded.
  await expect(async () => {
    const step = page.getByRole('button', { name: /Compile/ }).first();
    if ((await step.getAttribute('aria-expanded')) !== 'true') {
      await step.click();
    }
    await expect(page.getByText('Building shop-web').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000 });
  await page.screenshot({
    animations: 'disabled',
    path: `${shots}/run-live-log.png`,
    fullPage: true,
  });

  await page
    .getByRole('button', { name: /Deploy to production/ })
    .first()
    .click();
  const approve = page.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeEnabled({ timeout: 90_000 });
  await page.getByLabel('Comment').fill('Staging looks good');
  await page.screenshot({
    animations: 'disabled',
    path: `${shots}/run-approval.png`,
    fullPage: true,
  });
  await approve.click();

  // The job box and then the run itself turn green; a finished run has no
  // Cancel button.
  await expect(
    page.getByRole('button', { name: /Deploy to production.*Succeeded/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /cancel run/i })).toHaveCount(
    0,
    { timeout: 30_000 },
  );
  await expect(page.getByText('Running')).toHaveCount(0);
  await expect(page.getByText('Staging looks good').first()).toBeVisible();
  await page.screenshot({
    animations: 'disabled',
    path: `${shots}/run-succeeded.png`,
    fullPage: true,
  });
});
