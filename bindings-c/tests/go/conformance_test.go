// The shared conformance vectors through cgo: the same bytes as Rust, Python, WebAssembly
// and C, plus error cases. WEGWIJS_ROOT is the repository (bindings-c/tests/run.sh sets it).
package cabi

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func root(t *testing.T) string {
	r := os.Getenv("WEGWIJS_ROOT")
	if r == "" {
		t.Fatal("WEGWIJS_ROOT is not set (run bindings-c/tests/run.sh)")
	}
	return r
}

var engines = map[string]*Engine{}

func engineFor(t *testing.T, ruleset string) *Engine {
	if e, ok := engines[ruleset]; ok {
		return e
	}
	var e *Engine
	var err error
	if ruleset == "national" {
		e, err = National()
	} else {
		e, err = Load(filepath.Join(root(t), ruleset))
	}
	if err != nil {
		t.Fatalf("rule set %s: %v", ruleset, err)
	}
	engines[ruleset] = e
	return e
}

// runVectors checks every dir/*suffix vector; input names the key holding the case.
func runVectors(t *testing.T, dir, suffix, input string) int {
	files, err := filepath.Glob(filepath.Join(dir, "*"+suffix))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]json.RawMessage
		if err := json.Unmarshal(text, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var ruleset string
		if err := json.Unmarshal(v["ruleset"], &ruleset); err != nil {
			t.Fatalf("%s: ruleset: %v", file, err)
		}
		options := `{"now": ` + string(v["now"])
		if audience, ok := v["for"]; ok {
			options += `, "for": ` + string(audience)
		}
		if lang, ok := v["lang"]; ok {
			options += `, "lang": ` + string(lang)
		}
		options += "}"
		want, err := os.ReadFile(strings.TrimSuffix(file, suffix) + ".expected.json")
		if err != nil || !bytes.HasSuffix(want, []byte("\n")) {
			t.Fatalf("%s: expected file missing or without final newline", file)
		}
		got, err := engineFor(t, ruleset).Evaluate(v[input], options)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
		} else if !bytes.Equal(got, want[:len(want)-1]) {
			t.Errorf("%s differs:\n  expected %s\n  actual   %s", filepath.Base(file), want, got)
		}
	}
	return len(files)
}

// runAgendaVectors runs every DIR/NAME.agenda.json vector (`records` through the agenda at
// `now`) and returns how many ran.
func runAgendaVectors(t *testing.T, dir string) int {
	files, err := filepath.Glob(filepath.Join(dir, "*.agenda.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]json.RawMessage
		if err := json.Unmarshal(text, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var ruleset string
		if err := json.Unmarshal(v["ruleset"], &ruleset); err != nil {
			t.Fatalf("%s: ruleset: %v", file, err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(file, ".agenda.json") + ".expected.json")
		if err != nil || !bytes.HasSuffix(want, []byte("\n")) {
			t.Fatalf("%s: expected file missing or without final newline", file)
		}
		got, err := engineFor(t, ruleset).Agenda(v["records"], `{"now": `+string(v["now"])+`}`)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
		} else if !bytes.Equal(got, want[:len(want)-1]) {
			t.Errorf("%s differs:\n  expected %s\n  actual   %s", filepath.Base(file), want, got)
		}
	}
	return len(files)
}

func TestConformanceVectors(t *testing.T) {
	dir := filepath.Join(root(t), "tests", "conformance")
	cases := runVectors(t, dir, ".case.json", "case")
	records := runVectors(t, dir, ".record.json", "record")
	audiences := runVectors(t, filepath.Join(dir, "audience"), ".for.json", "case")
	agendas := runAgendaVectors(t, dir)
	if cases < 10 || records < 4 || audiences < 4 || agendas < 1 {
		t.Fatalf("too few vectors: %d case, %d record, %d audience, %d agenda", cases, records, audiences, agendas)
	}
	t.Logf("%d case, %d record, %d audience, %d agenda vectors", cases, records, audiences, agendas)
}

func TestErrors(t *testing.T) {
	if ABIMajor() != 1 {
		t.Fatalf("ABI major %d", ABIMajor())
	}
	national := engineFor(t, "national")
	now := `{"now": "2026-03-02T18:00:00+01:00"}`
	var e *Error

	_, err := national.Evaluate([]byte(`{"age": "GEHEIM-0612345678"}`), now)
	if !errors.As(err, &e) || e.Status != 2 || !strings.Contains(e.JSON, `"kind":"CaseError"`) || strings.Contains(e.JSON, "GEHEIM") {
		t.Errorf("case error: %v", err)
	}
	_, err = national.Evaluate([]byte("{\"region\": \"\xff\"}"), now)
	if !errors.As(err, &e) || e.Status != 6 || !strings.Contains(e.JSON, `"kind":"InvalidUtf8"`) {
		t.Errorf("invalid UTF-8: %v", err)
	}
	_, err = national.Evaluate([]byte(`{}`), `{"language": "en"}`)
	if !errors.As(err, &e) || e.Status != 3 {
		t.Errorf("unknown option: %v", err)
	}
	_, err = (&Engine{}).Evaluate([]byte(`{}`), now)
	if !errors.As(err, &e) || e.Status != 5 || !strings.Contains(e.JSON, `"argument":"engine"`) {
		t.Errorf("NULL engine: %v", err)
	}
	_, err = Load(filepath.Join(root(t), "does-not-exist"))
	if !errors.As(err, &e) || e.Status != 1 || !strings.Contains(e.JSON, `"kind":"RuleError"`) {
		t.Errorf("missing folder: %v", err)
	}
	questions, err := national.Questions([]byte(`{"age": 30}`), now)
	if err != nil || !bytes.HasPrefix(questions, []byte("[")) {
		t.Errorf("questions: %s %v", questions, err)
	}
}
