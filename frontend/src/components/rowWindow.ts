/**
 * Browsers stop laying out an element at about 33.5 million px (Chromium's
 * and WebKit's largest LayoutUnit), a little over 640,000 rows of 52 px.
 * A list taller than this gets a body this tall, and the scroll position
 * maps onto the rows in proportion, so its scrollbar reaches the last row.
 */
export const MAX_BODY_HEIGHT = 15_000_000;

/** Which rows a scroll position shows, and where they go in the (scaled) body. */
export interface RowWindow {
  /** First and last row index to render, overscan included (last < first when none). */
  first: number;
  last: number;
  /** Height of the body in px: the rows' natural height, capped at MAX_BODY_HEIGHT. */
  bodyHeight: number;
  /** Natural px per scrolled px: 1 until the cap. */
  scale: number;
  /** Added to a row's natural top (index × height) to place it in the body. */
  shift: number;
}

/**
 * The rows of a fixed-row-height list of count rows that a viewport of
 * viewport px shows when its body is scrolled by scrollTop px.
 */
export function rowWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan: number,
): RowWindow {
  const natural = count * rowHeight;
  const bodyHeight = Math.min(natural, MAX_BODY_HEIGHT);
  const scale =
    natural > bodyHeight && bodyHeight > viewport ? (natural - viewport) / (bodyHeight - viewport) : 1;
  // Past the end (an elastic overscroll, or a list that just shrank) reads as the end.
  const top = Math.max(0, Math.min(scrollTop, bodyHeight - viewport));
  const virtualTop = top * scale;
  return {
    first: Math.max(0, Math.floor(virtualTop / rowHeight) - overscan),
    last: Math.min(count - 1, Math.floor((virtualTop + viewport) / rowHeight) + overscan),
    bodyHeight,
    scale,
    shift: top - virtualTop,
  };
}

/**
 * The scroll position that brings row index fully into view with the least
 * movement, or null when it is in view already. Rounded towards showing the
 * whole row, as browsers keep scroll positions in whole (device) pixels.
 */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  { scale }: RowWindow,
  scrollTop: number,
  viewport: number,
): number | null {
  const rowTop = index * rowHeight;
  const virtualTop = scrollTop * scale;
  if (rowTop < virtualTop) return Math.floor(rowTop / scale);
  if (rowTop + rowHeight > virtualTop + viewport) return Math.ceil((rowTop + rowHeight - viewport) / scale);
  return null;
}
