import { describe, expect, it } from 'vitest';
import { MAX_BODY_HEIGHT, rowWindow, scrollTopFor } from './rowWindow';

const ROW = 52;
const VIEW = 760;

describe('rowWindow', () => {
  it('shows the rows under the scroll position, with overscan, in a list that fits', () => {
    const w = rowWindow(1000, ROW, 10 * ROW, VIEW, 5);
    expect(w).toMatchObject({
      first: 5,
      last: 10 + Math.floor(VIEW / ROW) + 5,
      bodyHeight: 1000 * ROW,
      scale: 1,
      shift: 0,
    });
  });

  it('has no rows for an empty list', () => {
    const w = rowWindow(0, ROW, 0, VIEW, 5);
    expect(w.last).toBeLessThan(w.first);
    expect(w.bodyHeight).toBe(0);
  });

  it('caps a million rows at a height browsers lay out, and still reaches the first and the last row', () => {
    const count = 1_000_000;
    const top = rowWindow(count, ROW, 0, VIEW, 0);
    expect(top.bodyHeight).toBe(MAX_BODY_HEIGHT);
    expect(top.scale).toBeGreaterThan(3);
    expect(top.first).toBe(0);

    const end = MAX_BODY_HEIGHT - VIEW;
    const bottom = rowWindow(count, ROW, end, VIEW, 0);
    expect(bottom.last).toBe(count - 1);
    // The last row's bottom is the body's bottom, the viewport's bottom edge.
    expect((count - 1) * ROW + bottom.shift + ROW).toBeCloseTo(MAX_BODY_HEIGHT, 3);
    // Halfway down the scrollbar is halfway down the list.
    const middle = rowWindow(count, ROW, end / 2, VIEW, 0);
    expect(Math.abs(middle.first - count / 2)).toBeLessThan(20);
    // A row sits where the viewport shows it: the first one at the viewport's top.
    expect(middle.first * ROW + middle.shift).toBeLessThanOrEqual(end / 2);
    expect(middle.first * ROW + middle.shift + ROW).toBeGreaterThan(end / 2);
  });

  it('reads an overscroll past the end as the end', () => {
    const w = rowWindow(100, ROW, 100 * ROW, VIEW, 0);
    expect(w.last).toBe(99);
  });
});

describe('scrollTopFor', () => {
  it('scrolls a row above or below the viewport just into view, and leaves one in view alone', () => {
    const w = rowWindow(1000, ROW, 100 * ROW, VIEW, 0);
    expect(scrollTopFor(105, ROW, w, 100 * ROW, VIEW)).toBeNull();
    expect(scrollTopFor(99, ROW, w, 100 * ROW, VIEW)).toBe(99 * ROW);
    expect(scrollTopFor(200, ROW, w, 100 * ROW, VIEW)).toBe(201 * ROW - VIEW);
  });

  it('rounds towards showing the whole row when the body is scaled', () => {
    const count = 1_000_000;
    const at = 400_000;
    const w = rowWindow(count, ROW, 0, VIEW, 0);
    const down = scrollTopFor(at, ROW, w, 0, VIEW);
    expect(Number.isInteger(down)).toBe(true);
    const after = rowWindow(count, ROW, down ?? 0, VIEW, 0);
    expect(at * ROW + after.shift + ROW).toBeLessThanOrEqual((down ?? 0) + VIEW); // bottom edge in view
    expect(scrollTopFor(at, ROW, after, down ?? 0, VIEW)).toBeNull();

    const up = scrollTopFor(10, ROW, after, down ?? 0, VIEW);
    const back = rowWindow(count, ROW, up ?? 0, VIEW, 0);
    expect(10 * ROW + back.shift).toBeGreaterThanOrEqual(up ?? 0); // top edge in view
  });
});
