// Command roster is Roster: a desktop admin console for the connected users
// of an embedded-integrations product, and the team that administers them.
//
//	roster [--db PATH]                 open the desktop window
//	roster serve [--db PATH] [--addr]  serve the same UI to a browser
//	roster seed --db PATH --users N    fill an empty database with demo data
//	roster ingest [--db PATH] FILE|-   apply events (JSON Lines) from a file or stdin
//	roster import [--db PATH] FILE     load connected users from CSV or JSON
//	roster export [--db PATH] [--what] [--out]  write users, the team, the audit log or runs as CSV or JSON
//	roster backup [--db PATH]          copy the database aside, online and checked
//	roster restore [--db PATH] FILE    replace the database's content with a backup
//	roster migrate [--db PATH]         bring a database to this build's schema
//	roster version                     print the version and schema version
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"roster/app"
	"roster/backend/audit"
	"roster/backend/backups"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/mail"
	"roster/backend/notify"
	"roster/backend/outbox"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/workspace"
)

//go:embed all:frontend/dist
var assets embed.FS

// The window's icon on Linux (build/appicon.svg drawn at 1024 px).
//
//go:embed build/appicon.png
var icon []byte

// version is the release, from the git tag: scripts/lib.sh stamps it with
// -ldflags "-X main.version=..." (1.2.3, or 0.0.0-dev+<commit> between tags).
var version = "0.0.0-dev"

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, errHelp):
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "roster:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "roster:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))

	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "":
		return runDesktop(ctx, args, stderr, log)
	case "serve":
		return runServe(ctx, args, stdout, stderr, log)
	case "seed":
		return runSeed(ctx, args, stdout, stderr)
	case "ingest":
		return runIngest(ctx, args, os.Stdin, stdout, stderr)
	case "import":
		return runImport(ctx, args, stdout, stderr)
	case "export":
		return runExport(ctx, args, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, stdout, stderr)
	case "restore":
		return runRestore(ctx, args, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, stdout, stderr)
	case "audit":
		return runAudit(ctx, args, stdout, stderr)
	case "version", "help":
		if len(args) > 0 {
			return usagef("roster %s takes no arguments; got %q", cmd, args[0])
		}
		if cmd == "help" {
			fmt.Fprint(stdout, usage)
		} else {
			fmt.Fprintf(stdout, "roster %s (schema version %d, %s)\n", version, store.LatestVersion(), runtime.Version())
		}
		return nil
	}
	return usagef("unknown command %q\n%s", cmd, usage)
}

// usageError is a command line Roster does not understand: it exits with
// status 2 and changes nothing.
type usageError struct{ error }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// parseFlags parses a command's flags. A parse error is a usage error;
// --help prints the flags and stops (errHelp).
func parseFlags(fl *flag.FlagSet, args []string) error {
	err := fl.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	if err != nil {
		return usageError{err}
	}
	return nil
}

// errHelp: the command printed its help; nothing else to do.
var errHelp = errors.New("help printed")

// noArgs refuses words after a command's flags: flag parsing stops at the
// first word, so flags after it would be ignored, and the command would
// act on the default database instead of the one named.
func noArgs(fl *flag.FlagSet) error {
	if fl.NArg() > 0 {
		return usagef("%s: unexpected %q; options are flags (%s --help)", fl.Name(), fl.Arg(0), fl.Name())
	}
	return nil
}

const usage = `usage:
  roster [--db PATH]                                     open the desktop window
  roster serve [--db PATH] [--addr 127.0.0.1:8080] [--tls-cert F --tls-key F] [--insecure] [--public-url URL]
  roster seed --db PATH --users N [--seed S] [--now RFC3339]
  roster ingest [--db PATH] [--quiet] FILE|-              apply events (JSON Lines; - reads stdin)
  roster import [--db PATH] [--dry-run] [--resume] [--format csv|jsonl|json] [--map FIELD=COLUMN,...] FILE
                                                         load connected users (docs/import.md)
  roster export [--db PATH] [--what users|members|audit|runs] [--format csv|jsonl|json] [--out FILE]
                [--search S] [--status S] [--integration KEY] [--role R] [--action A] [--actor EMAIL|cli] [--target ID|EMAIL] [--from DATE] [--to DATE]
                [--sort created|name|last_active] [--order asc|desc]
                                                         write what a page shows (users as an import reads them)
  roster backup [--db PATH] [--to FILE|DIR]              an online copy, checked (default: backups/ beside the file)
  roster restore [--db PATH] FILE                        replace the file's content with a checked backup
  roster migrate [--db PATH]
  roster audit verify [--db PATH]                        check the audit log's hash chain
  roster version
The database defaults to $ROSTER_DB, else <user config dir>/Roster/roster.db.
A command line Roster does not understand changes nothing and exits with status 2; each command
takes --help.
`

// desktopBinary is the window's program, which a build without the desktop
// tags (the command-line roster) runs for it from its own directory.
const desktopBinary = "roster-desktop"

// openDesktop opens the window from the command-line roster: it becomes
// roster-desktop, beside it, with the same arguments. On Linux the window
// needs GTK and WebKit, some 170 shared libraries that take a binary linked
// with them 150-400 ms to load, before main, at every start: roster serve
// and the other commands are built without them (see scripts/lib.sh).
func openDesktop(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find %s: %w", desktopBinary, err)
	}
	desktop := filepath.Join(filepath.Dir(exe), desktopBinary)
	if _, err := os.Stat(desktop); err != nil {
		return fmt.Errorf("the window is %s, which is not beside this roster (%s): ./scripts/run builds both and opens it; or use `roster serve`", desktopBinary, filepath.Dir(exe))
	}
	// The same first argument, so the window keeps roster's name (its
	// class, StartupWMClass in roster.desktop).
	if err := syscall.Exec(desktop, append([]string{os.Args[0]}, args...), os.Environ()); err != nil {
		return fmt.Errorf("open the window (%s): %w", desktop, err)
	}
	return nil // not reached: the process is roster-desktop now
}

func runDesktop(ctx context.Context, args []string, stderr io.Writer, log *slog.Logger) error {
	fl := flag.NewFlagSet("roster", flag.ContinueOnError)
	db := dbFlag(fl)
	// roster --help is how most people ask what roster does: every
	// command, not the window's one flag.
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(fl.Output(), usage) }
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := noArgs(fl); err != nil {
		return err
	}
	if desktopMode == "bindings" {
		return app.RunDesktop(&app.Backend{Log: log}, app.NewHub(), nil, app.Desktop{Title: "Roster"})
	}
	// Before roster-desktop, which a machine without a display may not
	// even have the libraries to start.
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display found (DISPLAY and WAYLAND_DISPLAY are unset); to use Roster from here, run `roster serve` and open the link it prints in a browser")
	}
	if desktopMode == "" {
		return openDesktop(args)
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	ui, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		return err
	}
	b, hub := &app.Backend{Log: log}, app.NewHub()
	var st *store.Store
	var stop func()
	var started atomic.Bool       // openIt was called: wait for it
	opened := make(chan struct{}) // then st, stop and openErr are set
	var openErr error
	openIt := func() error {
		started.Store(true)
		defer close(opened)
		st, stop, openErr = open(ctx, path, workspace.ModeDesktop, stderr, log, b, hub)
		return openErr
	}
	// When the window closes: the outbox and the other background work
	// stop first, then the database closes (once, whichever comes first).
	var once sync.Once
	shutdown := func() {
		once.Do(func() {
			if !started.Load() {
				return
			}
			<-opened
			if openErr != nil {
				return
			}
			stop()
			if err := errors.Join(b.Close(), st.Close()); err != nil {
				log.Error("close the database", "err", err)
				return
			}
			log.Info("closed the database", "db", path)
		})
	}
	defer shutdown()
	d := app.Desktop{Title: "Roster", Icon: icon, DBPath: path, OnShutdown: shutdown}
	if dir, err := os.UserConfigDir(); err == nil {
		d.StateFile = filepath.Join(dir, "Roster", "window.json")
	}
	if from, to, held := store.PendingMigrations(path); from < to || held {
		// Upgrading takes seconds at a million users: the window opens at
		// once and says so, and a second launch meanwhile finds it.
		d.Open = openIt
		d.Opening = fmt.Sprintf("Upgrading %s from schema version %d to %d for this Roster. A copy of the file is saved beside it first; this takes a few seconds for a large file.", path, from, to)
		if held {
			d.Opening = fmt.Sprintf("Another Roster is upgrading %s. This window opens it as soon as that is done.", path)
		}
	} else if err := openIt(); err != nil {
		if derr := app.ShowStartupError("Roster could not open "+filepath.Base(path), err.Error()); derr != nil {
			log.Error("show why Roster could not open", "err", derr)
		}
		return err
	}
	log.Info("opening the desktop window", "db", path)
	if err := app.RunDesktop(b, hub, ui, d); err != nil || !started.Load() {
		return err
	}
	<-opened
	return openErr // shown in the window; the exit status says so too
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	fl := flag.NewFlagSet("roster serve", flag.ContinueOnError)
	db := dbFlag(fl)
	var opts app.ServeOptions
	fl.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fl.StringVar(&opts.TLSCert, "tls-cert", "", "TLS certificate file (PEM)")
	fl.StringVar(&opts.TLSKey, "tls-key", "", "TLS key file (PEM)")
	fl.BoolVar(&opts.Insecure, "insecure", false, "allow plain HTTP on a non-loopback address")
	fl.StringVar(&opts.PublicURL, "public-url", "", "the address people open (e.g. https://roster.example.com), used in every link in mail")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := noArgs(fl); err != nil {
		return err
	}
	// The address and certificate first: a refusal leaves no database behind.
	opts.Out = stdout
	l, err := app.Listen(opts)
	if err != nil {
		return err
	}
	b, hub := &app.Backend{Log: log}, app.NewHub()
	st, stop, err := open(ctx, *db, workspace.ModeServe, stderr, log, b, hub)
	if err != nil {
		l.Close()
		return err
	}
	defer st.Close()
	defer b.Close()
	defer stop()
	ui, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		l.Close()
		return err
	}
	return app.Serve(ctx, b, hub, ui, l)
}

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster seed", flag.ContinueOnError)
	db := dbFlag(fl)
	users := fl.Int("users", 10000, "number of connected users to generate")
	seedN := fl.Uint64("seed", 1, "random seed: the same seed gives the same data")
	now := fl.String("now", "", "reference time for generated dates (RFC 3339); default: today 00:00 UTC")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := noArgs(fl); err != nil {
		return err
	}
	ref := time.Now().UTC().Truncate(24 * time.Hour)
	if *now != "" {
		t, err := time.Parse(time.RFC3339, *now)
		if err != nil {
			return fmt.Errorf("--now: %w", err)
		}
		ref = t
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	res, err := seed.Load(ctx, st, seed.Options{Users: *users, Seed: *seedN, Now: ref,
		Actor: domain.CommandLine()})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Seeded %d users, %d connections, %d integrations, %d workflows into %s in %.1fs\n",
		res.Users, res.Connections, res.Integrations, res.Workflows, st.Path(), time.Since(start).Seconds())
	return nil
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster ingest", flag.ContinueOnError)
	db := dbFlag(fl)
	quiet := fl.Bool("quiet", false, "print only the summary and the rejected lines")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usagef("roster ingest: name one file of events (JSON Lines), or - for standard input")
	}
	in, name := stdin, "standard input"
	if fl.Arg(0) != "-" {
		f, err := os.Open(fl.Arg(0))
		if err != nil {
			return fmt.Errorf("roster ingest: %w", err)
		}
		defer f.Close()
		in, name = f, fl.Arg(0)
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := ingest.New(st, time.Now, func(int) {})
	start, last := time.Now(), time.Now()
	progress := func(r ingest.Report) {
		if *quiet || time.Since(last) < time.Second {
			return
		}
		last = time.Now()
		fmt.Fprintf(stderr, "%d events: %d accepted, %d duplicates, %d rejected (%.0f events/s)\n",
			r.Total(), r.Accepted, r.Duplicates, r.Rejected, float64(r.Total())/time.Since(start).Seconds())
	}
	rep, err := svc.Ingest(ctx, ingest.Lines(in), ingest.Options{Progress: progress})
	for _, l := range rep.Lines {
		fmt.Fprintln(stderr, l)
	}
	if err != nil {
		return err
	}
	if err := svc.Audit(ctx, domain.CommandLine(), name, rep); err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "%s: %d accepted, %d duplicates, %d rejected in %.1fs (%.0f events/s)\n",
		name, rep.Accepted, rep.Duplicates, rep.Rejected, secs, float64(rep.Total())/secs)
	if rep.MailQueued > 0 {
		fmt.Fprintf(stdout, "%d notification mails queued; the Roster window or roster serve sends them.\n", rep.MailQueued)
	}
	if rep.Rejected > len(rep.Lines) {
		fmt.Fprintf(stdout, "(only the first %d rejected lines are listed)\n", len(rep.Lines))
	}
	if rep.Rejected > 0 {
		return fmt.Errorf("%d of %d lines were rejected; the others were applied", rep.Rejected, rep.Total())
	}
	return nil
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster import", flag.ContinueOnError)
	db := dbFlag(fl)
	dry := fl.Bool("dry-run", false, "check every row and count what would change; write nothing")
	resume := fl.Bool("resume", false, "continue an interrupted import of the same file where it stopped")
	format := fl.String("format", "", "csv, jsonl or json (default: detected from the file)")
	mapping := fl.String("map", "", "CSV columns for fields, e.g. user_id=Customer,name=Full name (default: detected)")
	quiet := fl.Bool("quiet", false, "no progress lines")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usagef("roster import: name one file to import (CSV, JSON Lines or a JSON array; see docs/import.md)")
	}
	src, err := importer.FileSource(fl.Arg(0))
	if err != nil {
		return err
	}
	opt := importer.Options{Format: importer.Format(*format), DryRun: *dry}
	if *mapping != "" {
		opt.Mapping = importer.Mapping{}
		for _, pair := range strings.Split(*mapping, ",") {
			field, column, ok := strings.Cut(pair, "=")
			if !ok {
				return fmt.Errorf("roster import: --map takes FIELD=COLUMN pairs separated by commas; got %q", pair)
			}
			opt.Mapping[importer.Field(strings.TrimSpace(field))] = strings.TrimSpace(column)
		}
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := importer.New(st, time.Now)
	if *resume {
		if opt.Skip, err = svc.ResumePoint(ctx, src); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Resuming %s after row %d\n", src.Name, opt.Skip)
	}
	last := time.Now()
	opt.Progress = func(p importer.Progress) {
		if *quiet {
			return
		}
		if p.Finishing { // every row written: no line a second for a while
			fmt.Fprintf(stderr, "import: %d rows written; building the indexes and the search index…\n", p.Rows)
			return
		}
		if time.Since(last) < time.Second {
			return
		}
		last = time.Now()
		fmt.Fprintf(stderr, "%s %d rows (%.0f%%): %d added, %d updated, %d unchanged, %d rejected (%.0f rows/s)\n",
			map[bool]string{true: "dry run:", false: "import:"}[p.DryRun], p.Rows, 100*float64(p.Bytes)/float64(max(p.Size, 1)),
			p.Added, p.Updated, p.Unchanged, p.Rejected, float64(p.Rows)/max(p.Seconds, 0.001))
	}
	rep, err := svc.Run(ctx, domain.CommandLine(), src, opt)
	for _, p := range rep.Problems {
		fmt.Fprintf(stderr, "line %d%s: %s%s\n", p.Line, map[bool]string{true: " (" + p.UserID + ")", false: ""}[p.UserID != ""],
			map[bool]string{true: p.Field + ": ", false: ""}[p.Field != ""], p.Reason)
	}
	if rep.Format == "" {
		return err
	}
	verb := "Imported"
	if *dry {
		verb = "Dry run of"
	}
	fmt.Fprintf(stdout, "%s %s (%s): %d rows, %d added, %d updated, %d unchanged, %d rejected in %.1fs (%.0f rows/s)\n",
		verb, rep.File, rep.Format, rep.Rows, rep.Added, rep.Updated, rep.Unchanged, rep.Rejected, rep.Seconds,
		float64(rep.Rows)/max(rep.Seconds, 0.001))
	if len(rep.NewIntegrations) > 0 {
		fmt.Fprintf(stdout, "New integrations: %s\n", strings.Join(rep.NewIntegrations, ", "))
	}
	if rep.Rejected > len(rep.Problems) {
		fmt.Fprintf(stdout, "(only the first %d rejected rows are listed)\n", len(rep.Problems))
	}
	if err != nil {
		return err
	}
	if rep.State != domain.ImportDone {
		return errors.New(rep.Error)
	}
	if rep.Rejected > 0 {
		return fmt.Errorf("%d of %d rows were rejected; the others were imported", rep.Rejected, rep.Rows)
	}
	return nil
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster export", flag.ContinueOnError)
	db := dbFlag(fl)
	what := fl.String("what", "users", "users, members (the team), audit (the audit log) or runs (the run history)")
	format := fl.String("format", "csv", "csv, jsonl (JSON Lines) or json (an array); JSON keeps users' workflow states")
	out := fl.String("out", "", "file to write (default: standard output)")
	search := fl.String("search", "", "users, members: only those whose name, e-mail (or user id) contains this")
	status := fl.String("status", "", "users: "+domain.Choices(domain.UserStatuses)+"; members: "+domain.Choices(domain.MemberStatuses)+"; runs: "+domain.Choices(domain.RunStatuses))
	integration := fl.String("integration", "", "users, runs: only those of this integration (its key)")
	role := fl.String("role", "", "members: only those with this role")
	action := fl.String("action", "", "audit: only entries of this action (e.g. user.disable)")
	actor := fl.String("actor", "", "audit: only entries by this member (their e-mail), or cli (the command line)")
	target := fl.String("target", "", "audit: only entries about this connected user (external id) or member (e-mail)")
	from := fl.String("from", "", "users: created, audit: made, runs: started on or after this date (YYYY-MM-DD or RFC 3339)")
	to := fl.String("to", "", "the same, before this date")
	sort := fl.String("sort", "", "users: created (default), name or last_active")
	order := fl.String("order", "", "users: desc (default) or asc")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usagef("roster export: unexpected %q; say what to export with --what, filters are flags (roster export --help)", fl.Arg(0))
	}
	in := exporter.Input{What: exporter.What(*what), Format: importer.Format(*format)}
	applies := map[string][]exporter.What{"search": {exporter.WhatUsers, exporter.WhatMembers}, "status": {exporter.WhatUsers, exporter.WhatMembers, exporter.WhatRuns},
		"integration": {exporter.WhatUsers, exporter.WhatRuns}, "role": {exporter.WhatMembers}, "action": {exporter.WhatAudit},
		"actor": {exporter.WhatAudit}, "target": {exporter.WhatAudit},
		"from": {exporter.WhatUsers, exporter.WhatAudit, exporter.WhatRuns}, "to": {exporter.WhatUsers, exporter.WhatAudit, exporter.WhatRuns},
		"sort": {exporter.WhatUsers}, "order": {exporter.WhatUsers}}
	var misplaced error
	fl.Visit(func(f *flag.Flag) {
		if ok, known := applies[f.Name]; known && !slices.Contains(ok, in.What) && misplaced == nil {
			misplaced = fmt.Errorf("roster export: --%s does not filter --what %s", f.Name, in.What)
		}
	})
	if misplaced != nil {
		return misplaced
	}
	for _, d := range []*string{from, to} {
		if t, err := time.Parse(time.DateOnly, *d); err == nil {
			*d = t.Format(time.RFC3339)
		}
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	var integrationID int64
	if *integration != "" {
		ref, err := store.IntegrationByKey(ctx, st.Reader(), *integration)
		if err != nil {
			return fmt.Errorf("roster export: --integration: %w", err)
		}
		integrationID = ref.ID
	}
	in.Users = connected.ListInput{Search: *search, Status: domain.UserStatus(*status), IntegrationID: integrationID,
		CreatedFrom: *from, CreatedTo: *to, Sort: domain.UserSort(*sort), Order: domain.SortOrder(*order)}
	in.Members = team.ListInput{Search: *search, Role: domain.Role(*role), Status: domain.MemberStatus(*status)}
	in.Audit = audit.ListInput{Action: domain.AuditAction(*action), Actor: *actor, Target: *target, From: *from, To: *to}
	in.Runs = connected.RunsInput{IntegrationID: integrationID, Status: domain.RunStatus(*status), From: *from, To: *to}

	users := connected.New(st, time.Now)
	svc := exporter.New(st, users, team.New(st, &mail.SMTP{}, func() {}, time.Now), audit.New(st), time.Now)
	w, where := stdout, "standard output"
	var file *os.File
	if *out != "" {
		// Written beside the target and renamed at the end: a cancelled
		// export leaves no partial file behind.
		if file, err = os.CreateTemp(filepath.Dir(*out), ".roster-export-*"); err != nil {
			return fmt.Errorf("roster export: %w", err)
		}
		defer os.Remove(file.Name())
		defer file.Close()
		w, where = file, *out
	}
	start, last := time.Now(), time.Now()
	n, err := svc.Run(ctx, domain.CommandLine(), in, w, where, func(p exporter.Progress) {
		if *out != "" && time.Since(last) > time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "%d rows written\n", p.Rows)
		}
	})
	if err != nil {
		return err
	}
	if file != nil {
		if err := errors.Join(file.Chmod(0o644), file.Close()); err != nil {
			return fmt.Errorf("roster export: %w", err)
		}
		if err := os.Rename(file.Name(), *out); err != nil {
			return fmt.Errorf("roster export: %w", err)
		}
		fmt.Fprintf(stderr, "Exported %d %s to %s in %.1fs\n", n, strings.ToLower(in.What.Label()), *out, time.Since(start).Seconds())
	}
	return nil
}

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster backup", flag.ContinueOnError)
	db := dbFlag(fl)
	to := fl.String("to", "", "the backup file, or a folder for roster-YYYYMMDD-HHMMSS.db (default: backups/ beside the database)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usagef("roster backup: unexpected %q; name the destination with --to", fl.Arg(0))
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	b, err := backups.New(st, time.Now, nil).BackUpTo(ctx, domain.CommandLine(), *to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s (%.1f MB) in %.1fs\n", st.Path(), b.Path, float64(b.Bytes)/1e6, time.Since(start).Seconds())
	return nil
}

func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster restore", flag.ContinueOnError)
	db := dbFlag(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usagef("roster restore: name one backup file")
	}
	from := fl.Arg(0)
	if err := store.CheckFile(ctx, from); err != nil {
		return err // before touching (or creating, or migrating) the database
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := backups.New(st, time.Now, nil)
	res, err := svc.RestoreFile(ctx, domain.CommandLine(), from)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s; the file as it was is kept as %s\n", st.Path(), from, filepath.Join(svc.Dir(), res.KeptAs))
	if res.UpgradedFrom != 0 {
		fmt.Fprintf(stdout, "The backup came from an older Roster (schema version %d) and was upgraded to version %d.\n", res.UpgradedFrom, res.SchemaVersion)
	}
	return nil
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return usagef("roster audit: the command is `roster audit verify [--db PATH]`")
	}
	fl := flag.NewFlagSet("roster audit verify", flag.ContinueOnError)
	db := dbFlag(fl)
	if err := parseFlags(fl, args[1:]); err != nil {
		return err
	}
	if err := noArgs(fl); err != nil {
		return err
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := store.VerifyAudit(ctx, st.Reader())
	if err != nil {
		return err
	}
	entries := "entries"
	if n == 1 {
		entries = "entry"
	}
	fmt.Fprintf(stdout, "The audit log is intact (%d %s): each entry matches its content and the one before it.\n", n, entries)
	return nil
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("roster migrate", flag.ContinueOnError)
	db := dbFlag(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := noArgs(fl); err != nil {
		return err
	}
	st, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "%s is at schema version %d\n", st.Path(), st.SchemaVersion())
	return nil
}

// open wires the backend b for one database, its change events going to
// hub: constructors, no globals. b is filled in place, all but its Log (the
// desktop window may already hold it and log: see runDesktop). stop ends the background work (the
// outbox's sender among it) and waits for it; call it before closing the
// backend and the store.
func open(ctx context.Context, path string, mode workspace.Mode, stderr io.Writer, log *slog.Logger, b *app.Backend, hub *app.Hub) (*store.Store, func(), error) {
	st, err := openStore(ctx, path, stderr)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	var bg sync.WaitGroup
	stop := func() { cancel(); bg.Wait() }
	bg.Go(func() { // the first window opens on warm connections and pages
		if err := st.Warm(ctx); err != nil && ctx.Err() == nil {
			log.Warn("warm the database", "err", err)
		}
	})
	mailer := &mail.SMTP{}
	// The one sender of the outbox: it delivers what use cases queued, with
	// retries, for as long as this process runs (and picks up after restarts).
	var sender *outbox.Sender
	tm := team.New(st, mailer, func() { sender.Kick() }, time.Now)
	sender = outbox.NewSender(st, mailer, tm.MailConfig, time.Now, log)
	bg.Go(func() { sender.Run(ctx) })
	// The notifier sends what waits for a time (failure digests, offline
	// changes held back by the cooldown); events it did not see (another
	// process's) it finds within a minute.
	notifier := notify.New(st, time.Now, log, sender.Kick)
	bg.Go(func() { notifier.Run(ctx) })
	users := connected.New(st, time.Now)
	bg.Go(func() { users.RunPruner(ctx, log) })
	// Another process (roster ingest, a second Roster) writing the file
	// refreshes the windows too.
	bg.Go(func() {
		if err := st.Watch(ctx, 2*time.Second, func() { hub.Emit(app.EventChanged, map[string]any{"what": []string{"file"}}) }); err != nil {
			log.Error("watch the database for changes", "err", err)
		}
	})
	// Files a browser uploads for import, and exports it downloads, wait in
	// folders of this process's own beside the database, removed when it
	// ends (the callers of open close the backend).
	uploads, err := os.MkdirTemp(filepath.Dir(st.Path()), ".roster-uploads-")
	if err != nil {
		stop()
		st.Close()
		return nil, nil, fmt.Errorf("create the upload folder: %w", err)
	}
	downloads, err := os.MkdirTemp(filepath.Dir(st.Path()), ".roster-exports-")
	if err != nil {
		os.Remove(uploads)
		stop()
		st.Close()
		return nil, nil, fmt.Errorf("create the export folder: %w", err)
	}
	files := importer.NewFiles(uploads)
	imp := importer.New(st, time.Now)
	jobs := importer.NewJobs(ctx, imp, files, func() {
		hub.Emit(app.EventChanged, map[string]any{"what": []string{"users", "audit", "imports"}})
	})
	// Daily automatic backups (pruned to the newest N) and a weekly
	// integrity check, for as long as a window is open.
	bk := backups.New(st, time.Now, jobs.Running)
	bg.Go(func() { bk.Run(ctx, time.Hour, log) })
	au := audit.New(st)
	exp := exporter.New(st, users, tm, au, time.Now)
	b.Importer, b.Imports, b.Backups = imp, jobs, bk
	b.Export, b.Exports = exp, exporter.NewJobs(ctx, exp, downloads, time.Now)
	b.Connected = users
	b.Ingest = ingest.New(st, time.Now, func(queued int) {
		notifier.Kick()
		if queued > 0 {
			sender.Kick()
		}
	})
	b.Outbox = outbox.NewView(st, time.Now, sender.Kick, tm.MailConfig)
	b.Audit, b.Workspace, b.Team = au, workspace.New(st, time.Now, version), tm
	b.Events, b.Mode = hub, mode
	return st, stop, nil
}

// dbPath is the database a command works on, absolute: the one named, else
// Roster/roster.db in the OS's place for settings (%AppData% on Windows,
// ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config).
func dbPath(path string) (string, error) {
	if path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the default database: %w (pass --db PATH)", err)
		}
		path = filepath.Join(dir, "Roster", "roster.db")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("database %s: %w", path, err)
	}
	return abs, nil
}

func openStore(ctx context.Context, path string, stderr io.Writer) (*store.Store, error) {
	path, err := dbPath(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	// Upgrading a large file takes a while (migration 14: 7 s at a million
	// users): say so rather than sit silent.
	from, to, held := store.PendingMigrations(path)
	start := time.Now()
	switch {
	case from < to:
		fmt.Fprintf(stderr, "Upgrading %s from schema version %d to %d (a copy of the file is saved beside it first)…\n", path, from, to)
	case held:
		fmt.Fprintf(stderr, "Waiting for another Roster to finish upgrading %s…\n", path)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	switch {
	case from < to:
		fmt.Fprintf(stderr, "Upgraded in %.1fs.\n", time.Since(start).Seconds())
	case held:
		fmt.Fprintf(stderr, "Waited %.1fs.\n", time.Since(start).Seconds())
	}
	// A file the last check found damaged takes no changes from a command
	// either (reading, backing up and restoring still work).
	if err := backups.New(st, time.Now, nil).HoldDamage(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func dbFlag(fl *flag.FlagSet) *string {
	return fl.String("db", os.Getenv("ROSTER_DB"), "database file (default $ROSTER_DB, else <user config dir>/Roster/roster.db)")
}
