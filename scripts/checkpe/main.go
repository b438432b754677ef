// Command checkpe checks a Windows executable built here, where Windows
// programs cannot run: it prints the PE header facts and the strings of its
// version resource, and fails unless they are what Roster ships.
//
//	go run ./scripts/checkpe [-installer] -version V FILE
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"unicode/utf16"
)

func main() {
	installer := flag.Bool("installer", false, "FILE is the NSIS installer (32-bit, any product version string)")
	want := flag.String("version", "", "the version the resource must carry")
	flag.Parse()
	if flag.NArg() != 1 || *want == "" {
		fmt.Fprintln(os.Stderr, "usage: checkpe [-installer] -version V FILE")
		os.Exit(2)
	}
	if err := check(flag.Arg(0), *want, *installer); err != nil {
		fmt.Fprintln(os.Stderr, "checkpe:", err)
		os.Exit(1)
	}
}

func check(path, want string, installer bool) error {
	f, err := pe.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	var subsystem uint16
	var errs []error
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		subsystem = h.Subsystem
	case *pe.OptionalHeader32:
		subsystem = h.Subsystem
	}
	machine := map[uint16]string{pe.IMAGE_FILE_MACHINE_AMD64: "amd64", pe.IMAGE_FILE_MACHINE_I386: "386"}[f.Machine]
	fmt.Printf("%s: machine %s, subsystem %d (2 = GUI)\n", path, machine, subsystem)
	if subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		errs = append(errs, fmt.Errorf("subsystem %d, want the GUI subsystem (2)", subsystem))
	}
	// NSIS installers are 32-bit programs that install the 64-bit one.
	if wantMachine := map[bool]string{false: "amd64", true: "386"}[installer]; machine != wantMachine {
		errs = append(errs, fmt.Errorf("machine %q, want %s", machine, wantMachine))
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return errors.Join(append(errs, errors.New("no resources (.rsrc): no version, no icon"))...)
	}
	data, err := rsrc.Data()
	if err != nil {
		return fmt.Errorf("%s: resources: %w", path, err)
	}
	vals := map[string]string{}
	for _, key := range []string{"ProductName", "ProductVersion", "FileVersion", "CompanyName", "LegalCopyright", "FileDescription"} {
		vals[key] = versionString(data, key)
		fmt.Printf("  %s: %q\n", key, vals[key])
	}
	if vals["ProductName"] != "Roster" {
		errs = append(errs, fmt.Errorf("ProductName %q, want Roster", vals["ProductName"]))
	}
	if vals["ProductVersion"] != want {
		errs = append(errs, fmt.Errorf("ProductVersion %q, want %q", vals["ProductVersion"], want))
	}
	if !installer && !bytes.Contains(data, []byte("<assembly")) {
		errs = append(errs, errors.New("no application manifest"))
	}
	return errors.Join(errs...)
}

// versionString finds key in a VS_VERSIONINFO's string table: a String
// block is wLength, wValueLength (in UTF-16 units), wType, the key (UTF-16,
// NUL-terminated), padding to 32 bits, then the value.
func versionString(data []byte, key string) string {
	needle := utf16le(key + "\x00")
	i := bytes.Index(data, needle)
	if i < 6 {
		return ""
	}
	n := int(binary.LittleEndian.Uint16(data[i-4:])) // wValueLength, characters with the NUL
	at := i + len(needle)
	at += (4 - (at % 4)) % 4
	if n == 0 || at+2*n > len(data) {
		return ""
	}
	u := make([]uint16, 0, n)
	for j := 0; j < n; j++ {
		c := binary.LittleEndian.Uint16(data[at+2*j:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

func utf16le(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}
