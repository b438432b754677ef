import { Center, Loader, Skeleton, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { flexRender, type Header, type RowData, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import classes from './DataGrid.module.css';

declare module '@tanstack/react-table' {
  // An augmentation repeats the library's type parameters, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Width in px; with grow, the minimum of a column that takes that share of the spare width. */
    width: number;
    grow?: number;
    /** Header text for screen readers when the visible header is empty. */
    srLabel?: string;
  }
}

const HEADER_HEIGHT = 40;
/** Start loading the next page this many rows before the end. */
const LOAD_AHEAD = 20;
const PAGE_STEP = 10;
const SKELETON_ROWS = 8;

interface DataGridProps<T> {
  table: Table<T>;
  label: string;
  rowHeight: number;
  /** Rows matching the query when known; undefined means unknown (aria-rowcount -1). */
  totalRows?: number;
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  onOpenRow?: (row: T) => void;
  /** Shown instead of rows when the query matched nothing. */
  empty: ReactNode;
}

/**
 * A virtualized, infinitely scrolling grid over a TanStack table. It is one scroll
 * container with a sticky header, focusable as a whole: arrow keys move the highlighted
 * row (aria-activedescendant) and Enter opens it.
 */
export function DataGrid<T>({
  table,
  label,
  rowHeight,
  totalRows,
  isLoading,
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
  onOpenRow,
  empty,
}: DataGridProps<T>) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  // Every row gets the same definite width, so long cell content truncates instead of widening its row.
  const metas = columns.map((c) => c.columnDef.meta ?? { width: 120 });
  const gridTemplateColumns = metas
    .map((m) => (m.grow ? `minmax(${m.width}px, ${m.grow}fr)` : `${m.width}px`))
    .join(' ');
  const minWidth = metas.reduce((sum, m) => sum + m.width, 0);

  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 5,
    // The rows start below the sticky header inside the same scroll container.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - LOAD_AHEAD) onLoadMore();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, onLoadMore]);

  const activeIndex = Math.min(active, rows.length - 1);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on controls inside the grid (sort buttons, row menus) are theirs.
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + PAGE_STEP,
      PageUp: activeIndex - PAGE_STEP,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if (event.key === 'Enter' && activeIndex >= 0 && onOpenRow) {
      event.preventDefault();
      onOpenRow(rows[activeIndex].original);
    }
  };

  const showEmpty = !isLoading && rows.length === 0;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={totalRows === undefined ? -1 : totalRows + 1}
      aria-colcount={columns.length}
      aria-busy={isLoading || isFetchingNextPage}
      aria-activedescendant={activeIndex >= 0 ? `${idPrefix}-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className={classes.grid}
    >
      <div role="rowgroup">
        {table.getHeaderGroups().map((group) => (
          <div
            key={group.id}
            role="row"
            aria-rowindex={1}
            className={`${classes.row} ${classes.header}`}
            style={{ gridTemplateColumns, minWidth, height: HEADER_HEIGHT }}
          >
            {group.headers.map((header) => (
              <HeaderCell key={header.id} header={header} />
            ))}
          </div>
        ))}
      </div>

      {isLoading && <SkeletonRows count={SKELETON_ROWS} height={rowHeight} />}
      {showEmpty && empty}

      {!isLoading && rows.length > 0 && (
        <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            const position = {
              height: item.size,
              // item.start counts from the top of the scroll container (header included).
              transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
              gridTemplateColumns,
              minWidth,
            };
            if (!row) {
              return (
                <div key="loader" role="row" className={`${classes.row} ${classes.bodyRow}`} style={position}>
                  <Center role="gridcell" style={{ gridColumn: '1 / -1' }}>
                    <Loader size="sm" aria-label="Loading more" />
                  </Center>
                </div>
              );
            }
            return (
              <div
                key={row.id}
                id={`${idPrefix}-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === activeIndex}
                data-clickable={onOpenRow ? true : undefined}
                className={`${classes.row} ${classes.bodyRow}`}
                style={position}
                onClick={
                  onOpenRow &&
                  (() => {
                    setActive(item.index);
                    onOpenRow(row.original);
                  })
                }
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={classes.cell}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const { column } = header;
  const sorted = column.getIsSorted();
  const content = flexRender(column.columnDef.header, header.getContext());
  const srLabel = column.columnDef.meta?.srLabel;
  return (
    <div
      role="columnheader"
      className={classes.headerCell}
      aria-sort={
        column.getCanSort()
          ? sorted === 'asc'
            ? 'ascending'
            : sorted === 'desc'
              ? 'descending'
              : 'none'
          : undefined
      }
    >
      {column.getCanSort() ? (
        <UnstyledButton
          className={classes.sortButton}
          data-sorted={sorted || undefined}
          onClick={column.getToggleSortingHandler()}
        >
          {content}
          {sorted === 'asc' && <IconArrowUp size={14} aria-hidden />}
          {sorted === 'desc' && <IconArrowDown size={14} aria-hidden />}
        </UnstyledButton>
      ) : (
        content
      )}
      {srLabel && <VisuallyHidden>{srLabel}</VisuallyHidden>}
    </div>
  );
}

function SkeletonRows({ count, height }: { count: number; height: number }) {
  return (
    <div aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} style={{ height, padding: '0 12px', display: 'flex', alignItems: 'center' }}>
          <Skeleton height={16} radius="sm" />
        </div>
      ))}
    </div>
  );
}
