// Browser shim for `roster serve`: recreates the parts of the Wails globals that
// the generated bindings and runtime wrapper use, over HTTP + Server-Sent Events.
import { ErrorCode } from '../api/models';

type Binding = (...args: unknown[]) => Promise<unknown>;
type EventCallback = (...data: unknown[]) => void;

export interface RuntimeShim {
  EventsOnMultiple(name: string, callback: EventCallback, maxCallbacks: number): () => void;
  EventsOff(name: string, ...additionalNames: string[]): void;
  EventsOffAll(): void;
  EventsEmit(name: string, ...data: unknown[]): void;
  LogPrint(message: string): void;
  LogTrace(message: string): void;
  LogDebug(message: string): void;
  LogInfo(message: string): void;
  LogWarning(message: string): void;
  LogError(message: string): void;
  LogFatal(message: string): void;
  BrowserOpenURL(url: string): void;
  WindowSetTitle(title: string): void;
}

declare global {
  interface Window {
    go?: Record<string, Record<string, Record<string, Binding>>>;
    runtime?: RuntimeShim;
  }
}

function rpcError(body: { code: string; message: string; field?: string }): Error {
  // Same shape Wails produces: the Go error formatter's JSON inside Error.message.
  return new Error(JSON.stringify(body));
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is { code: string; message: string; field?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

async function rpc(struct: string, method: string, args: unknown[], onOk: () => void): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/rpc/${struct}/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch {
    throw rpcError({ code: ErrorCode.Internal, message: 'Cannot reach the Roster server.' });
  }
  const text = await res.text();
  if (res.ok) {
    onOk();
    return text ? JSON.parse(text) : null;
  }

  const body = parseJSON(text);
  if (res.status === 401) {
    const message = isErrorBody(body) ? body.message : 'Your session has ended.';
    throw rpcError({ code: ErrorCode.Unauthenticated, message });
  }
  throw rpcError(
    isErrorBody(body) ? body : { code: ErrorCode.Internal, message: `Request failed (HTTP ${res.status}).` },
  );
}

// Resolves any property name, so no struct or method list is hard-coded here.
function namespace<T>(make: (name: string) => T): Record<string, T> {
  const cache = new Map<string, T>();
  return new Proxy<Record<string, T>>(
    {},
    {
      get(_target, prop) {
        // Not a binding: keeps the proxy from looking like a thenable or primitive.
        if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
        let value = cache.get(prop);
        if (value === undefined) {
          value = make(prop);
          cache.set(prop, value);
        }
        return value;
      },
    },
  );
}

function createBindings(onOk: () => void): NonNullable<Window['go']> {
  // window.go.<package>.<Struct>.<Method>: the HTTP API ignores the Go package name.
  return namespace(() =>
    namespace((struct) =>
      namespace(
        (method): Binding =>
          (...args) =>
            rpc(struct, method, args, onOk),
      ),
    ),
  );
}

interface Listener {
  callback: EventCallback;
  remaining: number; // -1 = unlimited, as in Wails
}

const CLOSED = 2; // EventSource.CLOSED (jsdom has no EventSource)

export interface Runtime extends RuntimeShim {
  /**
   * Reopens the event stream if the server closed it for good: a 401 before
   * sign-in, or a session that ended. Called after each successful call, so a
   * window that signs in (again) receives changes again.
   */
  resume(): void;
}

export function createRuntime(openEvents: () => EventSource): Runtime {
  const listeners = new Map<string, Listener[]>();
  const subscribed = new Set<string>();
  let source: EventSource | null = null;

  const remove = (name: string, listener: Listener) => {
    const list = listeners.get(name)?.filter((l) => l !== listener) ?? [];
    if (list.length) listeners.set(name, list);
    else listeners.delete(name);
  };

  const dispatch = (name: string, data: unknown[]) => {
    for (const listener of listeners.get(name) ?? []) {
      if (listener.remaining > 0 && --listener.remaining === 0) remove(name, listener);
      listener.callback(...data);
    }
  };

  const attach = (name: string) =>
    source!.addEventListener(name, (event) => {
      const { data } = event as MessageEvent<string>;
      dispatch(name, [data ? parseJSON(data) : undefined]);
    });
  const open = () => {
    source = openEvents();
    subscribed.forEach(attach);
  };

  // One EventSource at a time, opened on first subscription; one DOM listener per event name.
  const listen = (name: string) => {
    if (!source) open();
    if (subscribed.has(name)) return;
    subscribed.add(name);
    attach(name);
  };

  return {
    resume() {
      if (source?.readyState === CLOSED) open();
    },
    EventsOnMultiple(name, callback, maxCallbacks) {
      const listener = { callback, remaining: maxCallbacks };
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      listen(name);
      return () => remove(name, listener);
    },
    EventsOff(name, ...additionalNames) {
      for (const n of [name, ...additionalNames]) listeners.delete(n);
    },
    EventsOffAll() {
      listeners.clear();
    },
    EventsEmit(name, ...data) {
      // Wails also delivers JS-emitted events to JS listeners.
      dispatch(name, data);
    },
    LogPrint: (message) => console.log(message),
    LogTrace: (message) => console.debug(message),
    LogDebug: (message) => console.debug(message),
    LogInfo: (message) => console.info(message),
    LogWarning: (message) => console.warn(message),
    LogError: (message) => console.error(message),
    LogFatal: (message) => console.error(message),
    BrowserOpenURL: (url) => {
      window.open(url, '_blank', 'noopener');
    },
    WindowSetTitle: (title) => {
      document.title = title;
    },
  };
}

/** Installs the shim unless Wails already provided the globals. */
export function installBridge(): void {
  if (window.go) return;
  const runtime = createRuntime(() => new EventSource('/events'));
  window.go = createBindings(() => runtime.resume());
  window.runtime = runtime;
}
