// Triage one case with Wegwijs from Go through cgo and the C ABI.
//
//	cargo build --release -p wegwijs-c
//	CGO_LDFLAGS="-L$PWD/target/release -Wl,-rpath,$PWD/target/release" go run ./bindings-c/examples/go
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -lwegwijs_c
#include <stdlib.h>
#include <string.h>
#include "wegwijs.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"log"
	"unsafe"
)

// call runs a C function that writes a result (or an error object) and frees the buffer.
func call(f func(out **C.char, n *C.size_t) C.enum_WegwijsStatus) (string, error) {
	var out *C.char
	var n C.size_t
	status := f(&out, &n)
	defer C.wegwijs_string_free(out)
	text := C.GoStringN(out, C.int(n))
	if status != C.WEGWIJS_STATUS_OK {
		return "", fmt.Errorf("wegwijs status %d: %s", status, text)
	}
	return text, nil
}

func main() {
	var engine *C.WegwijsEngine
	if status := C.wegwijs_engine_national(&engine, nil, nil); status != C.WEGWIJS_STATUS_OK {
		log.Fatalf("the national rules did not load (status %d)", status)
	}
	defer C.wegwijs_engine_free(engine)

	facts, options := C.CString(`{"age": 29, "strangulation": true}`), C.CString(`{"now": "2026-03-02T18:00:00+01:00"}`)
	defer C.free(unsafe.Pointer(facts))
	defer C.free(unsafe.Pointer(options))

	text, err := call(func(out **C.char, n *C.size_t) C.enum_WegwijsStatus {
		return C.wegwijs_evaluate(engine, facts, C.strlen(facts), options, C.strlen(options), out, n)
	})
	if err != nil {
		log.Fatal(err)
	}
	var proposal struct{ Regie struct{ Level string } }
	if err := json.Unmarshal([]byte(text), &proposal); err != nil {
		log.Fatal(err)
	}
	fmt.Println("regie level:", proposal.Regie.Level)
}
