import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRuntime, installBridge } from './install';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('installBridge', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    delete window.go;
    delete window.runtime;
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.go;
    delete window.runtime;
  });

  it('keeps the globals Wails provides', () => {
    const wailsGo = { app: {} };
    window.go = wailsGo;
    installBridge();
    expect(window.go).toBe(wailsGo);
  });

  it('POSTs the arguments array to /rpc/<Struct>/<Method> and resolves the JSON', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, { users: [], nextCursor: '', total: 0, totalCapped: false }),
    );
    installBridge();

    await expect(window.go!.app.Users.List({})).resolves.toEqual({
      users: [],
      nextCursor: '',
      total: 0,
      totalCapped: false,
    });
    expect(fetchMock).toHaveBeenCalledWith('/rpc/Users/List', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: '[{}]',
    });
  });

  it('passes every argument in order', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    installBridge();
    await window.go!.app.Users.SetWorkflowEnabled(7, 42, false);
    expect(fetchMock.mock.calls[0][0]).toBe('/rpc/Users/SetWorkflowEnabled');
    expect(fetchMock.mock.calls[0][1]?.body).toBe('[7,42,false]');
  });

  it('rejects a failed call with the error body as JSON in Error.message', async () => {
    const body = { code: 'invalid', message: 'Reason is too long', field: 'reason' };
    fetchMock.mockResolvedValue(jsonResponse(400, body));
    installBridge();

    const err = await window.go!.app.Users.Disable(1, 'x'.repeat(501)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.parse((err as Error).message)).toEqual(body);
  });

  it('maps 401 to unauthenticated', async () => {
    fetchMock.mockResolvedValue(new Response('', { status: 401 }));
    installBridge();
    const err = (await window.go!.app.System.Info().catch((e: unknown) => e)) as Error;
    expect(JSON.parse(err.message)).toMatchObject({ code: 'unauthenticated' });
  });

  it('maps an error without a JSON body, or no response at all, to internal', async () => {
    installBridge();
    fetchMock.mockResolvedValueOnce(new Response('Bad gateway', { status: 502 }));
    const badGateway = (await window.go!.app.Users.Counts().catch((e: unknown) => e)) as Error;
    expect(JSON.parse(badGateway.message)).toMatchObject({ code: 'internal' });

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const offline = (await window.go!.app.Users.Counts().catch((e: unknown) => e)) as Error;
    expect(JSON.parse(offline.message)).toEqual({
      code: 'internal',
      message: 'Cannot reach the Roster server.',
    });
  });

  it('is not mistaken for a promise', () => {
    installBridge();
    expect((window.go as unknown as { then?: unknown }).then).toBeUndefined();
  });
});

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 1; // OPEN
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  emit(name: string, data: unknown) {
    const event = new MessageEvent(name, { data: JSON.stringify(data) });
    this.listeners.get(name)?.forEach((l) => l(event));
  }
}

describe('runtime shim', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
  });

  const open = () => new FakeEventSource('/events') as unknown as EventSource;

  it('delivers SSE events to listeners over a single EventSource', () => {
    const runtime = createRuntime(open);
    const first = vi.fn();
    const second = vi.fn();
    runtime.EventsOnMultiple('roster:changed', first, -1);
    runtime.EventsOnMultiple('roster:changed', second, -1);
    runtime.EventsOnMultiple('other', vi.fn(), -1);
    expect(FakeEventSource.instances).toHaveLength(1);

    const source = FakeEventSource.instances[0];
    source.emit('roster:changed', { what: ['users', 'audit'] });
    expect(first).toHaveBeenCalledWith({ what: ['users', 'audit'] });
    expect(second).toHaveBeenCalledTimes(1);
    // One DOM listener per event name, however many callbacks.
    expect(source.listeners.get('roster:changed')).toHaveLength(1);
  });

  it('stops delivering after the returned off function, EventsOff or maxCallbacks', () => {
    const runtime = createRuntime(open);
    const removed = vi.fn();
    const once = vi.fn();
    const offByName = vi.fn();
    const off = runtime.EventsOnMultiple('a', removed, -1);
    runtime.EventsOnMultiple('a', once, 1);
    runtime.EventsOnMultiple('b', offByName, -1);
    off();
    runtime.EventsOff('b');

    const source = FakeEventSource.instances[0];
    source.emit('a', 1);
    source.emit('a', 2);
    source.emit('b', 3);
    expect(removed).not.toHaveBeenCalled();
    expect(once).toHaveBeenCalledTimes(1);
    expect(offByName).not.toHaveBeenCalled();
  });

  it('reopens a stream the server closed, keeping every subscription', () => {
    const runtime = createRuntime(open);
    const changed = vi.fn();
    runtime.EventsOnMultiple('roster:changed', changed, -1);
    runtime.resume(); // still open: nothing to do
    expect(FakeEventSource.instances).toHaveLength(1);

    FakeEventSource.instances[0].readyState = 2; // e.g. 401 before sign-in
    runtime.resume();
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1].emit('roster:changed', { what: ['team'] });
    expect(changed).toHaveBeenCalledWith({ what: ['team'] });
  });
});
