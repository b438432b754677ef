import { Center, Loader, Skeleton, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { flexRender, type Header, type Row, type RowData, type Table } from '@tanstack/react-table';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import classes from './DataGrid.module.css';
import { rowWindow, scrollTopFor } from './rowWindow';

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
const OVERSCAN = 5;
const PAGE_STEP = 10;
const SKELETON_ROWS = 8;

interface DataGridProps<T> {
  table: Table<T>;
  label: string;
  rowHeight: number;
  /** Rows matching the query when known; undefined means unknown (aria-rowcount -1). */
  totalRows?: number;
  isLoading: boolean;
  /**
   * A list read by position: it has rowCount rows, of which the table holds
   * those from rowOffset on; the rest show as placeholders until loaded, and
   * onRangeChange says which rows are on screen. Without rowCount the list
   * grows at its end instead (hasNextPage, onLoadMore).
   */
  rowCount?: number;
  rowOffset?: number;
  onRangeChange?: (first: number, last: number) => void;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  onLoadMore?: () => void;
  onOpenRow?: (row: T) => void;
  /** Shown instead of rows when the query matched nothing. */
  empty: ReactNode;
}

/**
 * A virtualized grid over a TanStack table, for lists of any length (a
 * million rows: see rowWindow). It is one scroll container with a sticky
 * header, focusable as a whole: arrow keys move the highlighted row
 * (aria-activedescendant) and Enter opens it.
 */
export function DataGrid<T>({
  table,
  label,
  rowHeight,
  totalRows,
  isLoading,
  rowCount,
  rowOffset = 0,
  onRangeChange,
  hasNextPage = false,
  isFetchingNextPage = false,
  onLoadMore,
  onOpenRow,
  empty,
}: DataGridProps<T>) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const [scroll, setScroll] = useState({ top: 0, height: 0 });
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  // Every row gets the same definite width, so long cell content truncates instead of widening its row.
  const metas = columns.map((c) => c.columnDef.meta ?? { width: 120 });
  const gridTemplateColumns = metas
    .map((m) => (m.grow ? `minmax(${m.width}px, ${m.grow}fr)` : `${m.width}px`))
    .join(' ');
  const minWidth = metas.reduce((sum, m) => sum + m.width, 0);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, []);

  // The loader row at the end of a growing list is one more row.
  const count = rowCount ?? rows.length + (hasNextPage ? 1 : 0);
  const viewport = Math.max(scroll.height - HEADER_HEIGHT, 0);
  const view = rowWindow(count, rowHeight, scroll.top, viewport, OVERSCAN);
  const { first, last } = view;

  useEffect(() => {
    if (last >= first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= rows.length - LOAD_AHEAD) onLoadMore?.();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, onLoadMore]);

  const activeIndex = Math.min(active, count - 1);
  const rowAt = (index: number) => rows[index - rowOffset] as Row<T> | undefined;

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    const el = scrollRef.current;
    const top = el && scrollTopFor(next, rowHeight, view, el.scrollTop, viewport);
    if (el && top !== null) el.scrollTop = top;
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
      End: rowCount === undefined ? rows.length - 1 : count - 1,
    };
    const activeRow = rowAt(activeIndex);
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if (event.key === 'Enter' && activeRow && onOpenRow) {
      event.preventDefault();
      onOpenRow(activeRow.original);
    }
  };

  const showEmpty = !isLoading && count === 0;
  const indexes = Array.from({ length: Math.max(last - first + 1, 0) }, (_, i) => first + i);

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
      <div role="rowgroup" className={classes.head}>
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

      {!isLoading && count > 0 && (
        <div role="rowgroup" className={classes.body} style={{ height: view.bodyHeight }}>
          {indexes.map((index) => {
            const row = rowAt(index);
            // Keyed by position: a list read by position may show a user twice for a moment when rows shift.
            const common = {
              id: `${idPrefix}-row-${index}`,
              role: 'row',
              'aria-rowindex': index + 2,
              className: `${classes.row} ${classes.bodyRow}`,
              style: {
                height: rowHeight,
                transform: `translateY(${index * rowHeight + view.shift}px)`,
                gridTemplateColumns,
                minWidth,
              },
            };
            if (!row && rowCount === undefined) {
              return (
                <div key={index} {...common}>
                  <Center role="gridcell" style={{ gridColumn: '1 / -1' }}>
                    <Loader size="sm" aria-label="Loading more" />
                  </Center>
                </div>
              );
            }
            if (!row) {
              return (
                <div key={index} {...common} aria-busy>
                  <div role="gridcell" className={classes.cell} style={{ gridColumn: '1 / -1' }}>
                    <Skeleton height={16} radius="sm" aria-label="Loading row" />
                  </div>
                </div>
              );
            }
            return (
              <div
                key={index}
                {...common}
                aria-selected={index === activeIndex}
                data-clickable={onOpenRow ? true : undefined}
                onClick={
                  onOpenRow &&
                  (() => {
                    setActive(index);
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
