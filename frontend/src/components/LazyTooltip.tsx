import { Tooltip, type TooltipProps } from '@mantine/core';
import {
  cloneElement,
  useCallback,
  useEffect,
  useState,
  type FocusEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react';

type TriggerProps = {
  ref?: (node: HTMLElement | null) => void;
  onMouseEnter?: (e: MouseEvent) => void;
  onMouseLeave?: (e: MouseEvent) => void;
  onFocus?: (e: FocusEvent) => void;
};

/**
 * A Tooltip set up only once its child has been hovered for openDelay, or
 * focused: a table shows a few tooltips per row, hundreds in all, each a
 * floating element to set up as the rows render, and almost none is ever
 * hovered. A focusable child shows its tooltip on focus too. A label given
 * as a function is made then too (a formatted date, say).
 */
export function LazyTooltip({
  children,
  label,
  openDelay = 0,
  ...props
}: Omit<TooltipProps, 'children' | 'label'> & {
  children: ReactElement<TriggerProps>;
  label: ReactNode | (() => ReactNode);
}) {
  const [hovered, setHovered] = useState(false);
  const [armed, setArmed] = useState<'hover' | 'focus' | null>(null);
  // Setting the tooltip up mounts the child anew, which loses the focus
  // that armed it: the new element takes it back as it mounts (a stable
  // callback, so only then).
  const focusOnMount = useCallback((node: HTMLElement | null) => node?.focus(), []);
  useEffect(() => {
    if (!hovered || armed) return;
    const t = setTimeout(() => setArmed('hover'), openDelay);
    return () => clearTimeout(t);
  }, [hovered, armed, openDelay]);
  if (armed) {
    return (
      <Tooltip
        {...props}
        label={typeof label === 'function' ? label() : label}
        openDelay={openDelay}
        events={{ hover: true, focus: true, touch: false }}
        defaultOpened
      >
        {armed === 'focus' ? cloneElement(children, { ref: focusOnMount }) : children}
      </Tooltip>
    );
  }
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent) => {
      children.props.onMouseEnter?.(e);
      setHovered(true);
    },
    onMouseLeave: (e: MouseEvent) => {
      children.props.onMouseLeave?.(e);
      setHovered(false);
    },
    onFocus: (e: FocusEvent) => {
      children.props.onFocus?.(e);
      setArmed('focus');
    },
  });
}
