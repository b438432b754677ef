import { Modal } from '@mantine/core';
import { useState, type ReactNode } from 'react';

interface FreshModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The content, given the close function; it starts afresh each time the modal opens. */
  children: (close: () => void) => ReactNode;
}

/** A large modal whose content forgets its state when it closes (a new file, a new report next time). */
export function FreshModal({ opened, onClose, title, children }: FreshModalProps) {
  const [session, setSession] = useState(0);
  const close = () => {
    onClose();
    setSession((n) => n + 1);
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="xl" centered>
      <div key={session}>{children(close)}</div>
    </Modal>
  );
}
