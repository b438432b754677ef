import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Time limits for a busy 2-core CI machine, where a Mantine page can take
// seconds to render under load: the tests wait for conditions (findBy*,
// waitFor) up to these, and a condition that never comes still fails.
configure({ asyncUtilTimeout: 15_000 });
vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  // The view lives in the address (lib/route.ts): each test starts on none.
  window.history.replaceState(null, '', '/');
});

// Mantine reads the OS colour scheme and observes element sizes.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;

// jsdom has no layout: give elements a viewport-sized box so the virtualized
// tables render real rows, and make scrolling a plain assignment.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 800 },
  clientWidth: { configurable: true, get: () => 1200 },
});
Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
};
Element.prototype.scrollIntoView = vi.fn();

// jsdom's Blob has no text(), which browsers have had since 2019: read it
// with the FileReader jsdom does have.
if (!Reflect.has(Blob.prototype, 'text')) {
  Object.defineProperty(Blob.prototype, 'text', {
    configurable: true,
    value(this: Blob): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
        reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
        reader.readAsText(this);
      });
    },
  });
}
