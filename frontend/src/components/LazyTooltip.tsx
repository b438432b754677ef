import { Tooltip, type TooltipProps } from '@mantine/core';
import { cloneElement, useEffect, useState, type MouseEvent, type ReactElement } from 'react';

type HoverProps = {
  onMouseEnter?: (e: MouseEvent) => void;
  onMouseLeave?: (e: MouseEvent) => void;
};

/**
 * A Tooltip set up only once its child has been hovered for openDelay: a
 * table shows a few tooltips per row, hundreds in all, each a floating
 * element to set up as the rows render, and almost none is ever hovered.
 * For hover-only children (a focusable child needs a plain Tooltip).
 */
export function LazyTooltip({
  children,
  openDelay = 0,
  ...props
}: Omit<TooltipProps, 'children'> & { children: ReactElement<HoverProps> }) {
  const [hovered, setHovered] = useState(false);
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!hovered || armed) return;
    const t = setTimeout(() => setArmed(true), openDelay);
    return () => clearTimeout(t);
  }, [hovered, armed, openDelay]);
  if (armed) {
    return (
      <Tooltip {...props} openDelay={openDelay} defaultOpened>
        {children}
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
  });
}
