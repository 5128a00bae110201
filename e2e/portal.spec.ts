import { expect, test } from '@playwright/test';
import { signInAsGuest } from './support/signInAsGuest';

const shots = 'test-results/e2e/screenshots';

test.describe('the portal', () => {
  test('lets a guest sign in and shows the GoLive home page', async ({
    page,
  }) => {
    await signInAsGuest(page);

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    for (const entry of ['Home', 'Catalog', 'APIs']) {
      await expect(
        nav.getByRole('link', { name: entry, exact: true }),
      ).toBeVisible();
    }
    await expect(
      page.getByRole('heading', { name: 'Welcome to GoLive' }),
    ).toBeVisible();
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/home.png`,
      fullPage: true,
    });
  });

  test('shows the demo catalog and a component page', async ({ page }) => {
    await signInAsGuest(page);

    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    await expect(page.getByText('Owned Components')).toBeVisible();

    // The catalog opens on what the guest's team owns; show everything. The
    // picker may still settle its initial filter, so click until it sticks.
    // Five components are the demo's, the sixth is e2e/entities.yaml's.
    await expect(async () => {
      await page.getByRole('menuitem', { name: /All/ }).click();
      await expect(page.getByText('All Components (6)')).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 45_000 });
    const table = page.getByRole('table');
    for (const name of [
      'Shop web',
      'Product service',
      'Checkout service',
      'Payments service',
      'Shop end-to-end tests',
      'Inventory service',
    ]) {
      await expect(table.getByRole('link', { name })).toBeVisible();
    }
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/catalog.png`,
      fullPage: true,
    });

    await table.getByRole('link', { name: 'Shop web' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/shop-web/);
    await expect(
      page.getByText('The customer-facing web shop.').first(),
    ).toBeVisible();
    await expect(page.getByText('Storefront team').first()).toBeVisible();
    await page.screenshot({
      animations: 'disabled',
      path: `${shots}/component.png`,
      fullPage: true,
    });
  });
});
