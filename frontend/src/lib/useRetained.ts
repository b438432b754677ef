import { useState } from 'react';

/**
 * The last non-null value seen. Lets a modal or drawer keep rendering its content
 * while it animates closed after its subject was cleared.
 */
export function useRetained<T>(value: T | null): T | null {
  const [retained, setRetained] = useState(value);
  if (value !== null && value !== retained) setRetained(value);
  return value ?? retained;
}
