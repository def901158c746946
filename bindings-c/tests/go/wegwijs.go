// Package cabi is a thin Go wrapper over the Wegwijs C ABI (bindings-c/include/wegwijs.h),
// used by the conformance test next to it. Link flags come from the environment
// (bindings-c/tests/run.sh sets CGO_LDFLAGS to the built libwegwijs_c).
package cabi

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#include <stdlib.h>
#include "wegwijs.h"
*/
import "C"

import "unsafe"

// Error is a failed call: the status code and the error object (JSON).
type Error struct {
	Status int
	JSON   string
}

func (e *Error) Error() string { return e.JSON }

// Engine is a loaded rule set; safe for concurrent use until Close.
type Engine struct{ p *C.WegwijsEngine }

// ABIMajor is the major version of the C API the library implements.
func ABIMajor() int { return int(C.wegwijs_abi_version() >> 16) }

// take copies a buffer the library returned and frees it.
func take(p *C.char, n C.size_t) []byte {
	defer C.wegwijs_string_free(p)
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

func construct(status C.enum_WegwijsStatus, engine *C.WegwijsEngine, msg *C.char, n C.size_t) (*Engine, error) {
	if status != C.WEGWIJS_STATUS_OK {
		return nil, &Error{int(status), string(take(msg, n))}
	}
	return &Engine{engine}, nil
}

// National loads the built-in national rules.
func National() (*Engine, error) {
	var engine *C.WegwijsEngine
	var msg *C.char
	var n C.size_t
	status := C.wegwijs_engine_national(&engine, &msg, &n)
	return construct(status, engine, msg, n)
}

// Load loads a rule-set folder or bundle file.
func Load(path string) (*Engine, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var engine *C.WegwijsEngine
	var msg *C.char
	var n C.size_t
	status := C.wegwijs_engine_load(cpath, nil, 0, &engine, &msg, &n)
	return construct(status, engine, msg, n)
}

// Close frees the engine.
func (e *Engine) Close() { C.wegwijs_engine_free(e.p); e.p = nil }

type call func(e *C.WegwijsEngine, in *C.char, inLen C.size_t, opt *C.char, optLen C.size_t,
	out **C.char, outLen *C.size_t) C.enum_WegwijsStatus

func (e *Engine) run(f call, input []byte, options string) ([]byte, error) {
	in := C.CBytes(input)
	defer C.free(in)
	opt := C.CString(options)
	defer C.free(unsafe.Pointer(opt))
	var out *C.char
	var n C.size_t
	status := f(e.p, (*C.char)(in), C.size_t(len(input)), opt, C.size_t(len(options)), &out, &n)
	result := take(out, n)
	if status != C.WEGWIJS_STATUS_OK {
		return nil, &Error{int(status), string(result)}
	}
	return result, nil
}

// Evaluate returns the proposal (or an audience's view) for a case or case record.
func (e *Engine) Evaluate(input []byte, options string) ([]byte, error) {
	return e.run(func(p *C.WegwijsEngine, i *C.char, il C.size_t, o *C.char, ol C.size_t, out **C.char, n *C.size_t) C.enum_WegwijsStatus {
		return C.wegwijs_evaluate(p, i, il, o, ol, out, n)
	}, input, options)
}

// Questions returns the open questions for a case or case record.
func (e *Engine) Questions(input []byte, options string) ([]byte, error) {
	return e.run(func(p *C.WegwijsEngine, i *C.char, il C.size_t, o *C.char, ol C.size_t, out **C.char, n *C.size_t) C.enum_WegwijsStatus {
		return C.wegwijs_questions(p, i, il, o, ol, out, n)
	}, input, options)
}

// Agenda returns the MDT agenda over a JSON array of case records.
func (e *Engine) Agenda(records []byte, options string) ([]byte, error) {
	return e.run(func(p *C.WegwijsEngine, i *C.char, il C.size_t, o *C.char, ol C.size_t, out **C.char, n *C.size_t) C.enum_WegwijsStatus {
		return C.wegwijs_agenda(p, i, il, o, ol, out, n)
	}, records, options)
}
