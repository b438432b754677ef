package app

import (
	"encoding/json"
	"html/template"
	"net/http"
	"sync/atomic"

	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

// openingPath is what the opening page asks whether the database is open.
const openingPath = "/__roster/opening"

// openingState is what an opening page polls: Done, with Error when the
// database could not be opened.
type openingState struct {
	Done  bool   `json:"done"`
	Error string `json:"error,omitempty"`
}

// opening serves a page saying what while the database opens (an upgrade
// takes seconds at a million users), until ready delivers: nil, and the
// page reloads into the app; an error, and the page shows it with a way to
// close the window. The app is never served before the backend is whole,
// so no call reaches a use case still being built.
func opening(ready <-chan error, what string) assetserver.Middleware {
	var state atomic.Pointer[openingState]
	state.Store(&openingState{})
	go func() {
		s := &openingState{Done: true}
		if err := <-ready; err != nil {
			s.Error = err.Error()
		}
		state.Store(s)
	}()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s := state.Load()
			switch {
			case r.URL.Path == openingPath:
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Cache-Control", "no-store")
				_ = json.NewEncoder(w).Encode(s)
			case s.Done && s.Error == "":
				next.ServeHTTP(w, r)
			default:
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Cache-Control", "no-store")
				_ = openingPage.Execute(w, map[string]string{"What": what, "Poll": openingPath})
			}
		})
	}
}

var openingPage = template.Must(template.New("opening").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Roster</title>
<style>
  body { margin: 0; height: 100vh; display: flex; align-items: center; justify-content: center;
         font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212529; background: #fff; }
  main { max-width: 34rem; padding: 2rem; text-align: center; }
  h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
  p { margin: 0 0 1rem; line-height: 1.5; color: #495057; overflow-wrap: anywhere; }
  .spin { width: 2rem; height: 2rem; margin: 0 auto 1.25rem; border: 3px solid #dee2e6;
          border-top-color: #228be6; border-radius: 50%; animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  button { font: inherit; padding: .4rem 1.2rem; border: 1px solid #ced4da; border-radius: 4px; background: #fff; cursor: pointer; }
  [hidden] { display: none; }
</style></head>
<body><main>
  <div class="spin" id="spin"></div>
  <h1 id="title">Opening Roster…</h1>
  <p id="what">{{.What}}</p>
  <button id="close" hidden onclick="window.runtime.Quit()">Close</button>
</main>
<script>
  async function poll() {
    try {
      const s = await (await fetch({{.Poll}}, { cache: 'no-store' })).json();
      if (s.done && !s.error) return location.reload();
      if (s.error) {
        document.getElementById('spin').hidden = true;
        document.getElementById('title').textContent = 'Roster could not open the database';
        document.getElementById('what').textContent = s.error;
        document.getElementById('close').hidden = false;
        return;
      }
    } catch (e) { /* the window is still starting: ask again */ }
    setTimeout(poll, 250);
  }
  poll();
</script>
</body></html>
`))
