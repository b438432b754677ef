import { expect, test } from '@playwright/test';
import { ownerPage, rpc, shots } from './helpers';

interface Page1 {
  users: { name: string; externalId: string }[];
  total: number;
}

test('the table reaches its last row at once, and any row the scrollbar lands on', async ({ browser }) => {
  const page = await ownerPage(browser);
  const { total } = await rpc<Page1>(page, 'Users/List', [{ limit: 1 }]);
  const oldest = (await rpc<Page1>(page, 'Users/List', [{ sort: 'created', order: 'asc', limit: 1 }]))
    .users[0];
  const grid = page.getByRole('grid', { name: 'Connected users' });
  const row = (index: number) => grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`);
  await expect(row(0)).not.toHaveAttribute('aria-busy');

  // End jumps to the last position; its page is read by offset, not by walking every page before it.
  const offsets: number[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/Users/List'))
      offsets.push((r.postDataJSON() as { offset: number }[])[0].offset);
  });
  await grid.focus();
  await page.keyboard.press('End');
  await expect(row(total - 1)).toContainText(oldest.name);
  await expect(row(total - 1)).toHaveAttribute('aria-selected', 'true');
  // The header stays on screen over the scrolled rows.
  await expect(grid.getByRole('columnheader', { name: /Name \/ User ID/ })).toBeInViewport();
  // The last page and the one before it (read ahead), and the first again if a change
  // elsewhere refreshed the list: none of the pages between.
  const lastPage = Math.floor((total - 1) / 100) * 100;
  expect(offsets).toContain(lastPage);
  expect(offsets.filter((o) => ![0, lastPage - 100, lastPage].includes(o))).toEqual([]);
  await page.screenshot({ path: `${shots}/e2e-users-scroll-end.png` });

  // Drag the scrollbar to the middle: the rows there are the list's rows at those positions.
  await grid.evaluate((el: { scrollTop: number; scrollHeight: number; clientHeight: number }) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  // The rows on screen follow the scroll (a rendering later), then their page arrives.
  const firstOnScreen = async () =>
    Number(await grid.locator('[role="row"][aria-rowindex]').nth(6).getAttribute('aria-rowindex')) - 2;
  await expect.poll(async () => Math.abs((await firstOnScreen()) - total / 2)).toBeLessThan(60);
  await expect(grid.locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
  const index = await firstOnScreen();
  const [atIndex] = (await rpc<Page1>(page, 'Users/List', [{ offset: index, limit: 1 }])).users;
  await expect(row(index)).toContainText(atIndex.externalId);
  await page.screenshot({ path: `${shots}/e2e-users-scroll-middle.png` });
});
