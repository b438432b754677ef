package app

import (
	"reflect"
	"testing"
)

// TestEnumsGenerateInOneOrder: Wails v2.16.0 writes the enums of a package
// with no bound struct in Go's random map order, so models.ts would differ
// from one generation to the next (and CI's drift check fail at random).
// Each such package must bind one enum only.
func TestEnumsGenerateInOneOrder(t *testing.T) {
	t.Parallel()
	withStructs := map[string]bool{} // packages of the structs models.ts declares
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		withStructs[t.PkgPath()] = true
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	services := reflect.TypeFor[Services]()
	for i := range services.NumField() {
		bound := services.Field(i).Type
		for j := range bound.NumMethod() {
			m := bound.Method(j).Type
			for k := 1; k < m.NumIn(); k++ { // 0 is the receiver
				walk(m.In(k))
			}
			for k := range m.NumOut() {
				walk(m.Out(k))
			}
		}
	}
	if !withStructs["roster/backend/domain"] || !withStructs["roster/backend/team"] {
		t.Fatalf("the walk missed the bound structs: %v", withStructs)
	}
	count := map[string][]string{}
	for _, e := range enums() {
		v := reflect.TypeOf(e).Elem().Field(0).Type // enumValue[T].Value
		count[v.PkgPath()] = append(count[v.PkgPath()], v.Name())
	}
	for pkg, names := range count {
		if len(names) > 1 && !withStructs[pkg] {
			t.Errorf("package %s binds enums %v but no struct: Wails would write them in random order", pkg, names)
		}
	}
}
