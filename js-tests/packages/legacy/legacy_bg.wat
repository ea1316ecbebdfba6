;; A module in the shape wasm-bindgen 0.2.80 gives a crate built with
;; panic=abort and without reference types, for the web target: imports
;; from "wbg", JS objects through the glue's heap slab (indices, with
;; clone_ref/drop_ref), strings through a one-argument __wbindgen_malloc and
;; a return pointer on the shadow stack (__wbindgen_add_to_stack_pointer),
;; throw_str through __wbindgen_throw, a class whose instances hold `ptr`.
;; Written by hand (../shared/design.md), not generated.
(module
  (import "wbg" "__wbindgen_object_clone_ref" (func $clone_ref (param i32) (result i32)))
  (import "wbg" "__wbindgen_object_drop_ref" (func $drop_ref (param i32)))
  (import "wbg" "__wbindgen_throw" (func $throw (param i32 i32)))
  (memory (export "memory") 1 16)
  ;; Bytes 0..1024: data and the shadow stack (growing down from 1024).
  (global $sp (mut i32) (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  ;; The heap-slab index of the object remember() keeps (0: none).
  (global $remembered (mut i32) (i32.const 0))
  (data (i32.const 64) "Hello, ")
  (data (i32.const 80) "no such thing")

  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    global.get $sp
    local.get $delta
    i32.add
    global.set $sp
    global.get $sp)

  ;; A bump allocator; a failed grow aborts as Rust's allocator does.
  (func $malloc (export "__wbindgen_malloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    global.get $heap
    i32.const 7
    i32.add
    i32.const -8
    i32.and
    local.tee $ptr
    local.get $size
    i32.add
    local.tee $end
    memory.size
    i32.const 16
    i32.shl
    i32.gt_u
    if
      local.get $end
      i32.const 65535
      i32.add
      i32.const 16
      i32.shr_u
      memory.size
      i32.sub
      memory.grow
      i32.const -1
      i32.eq
      if unreachable end
    end
    local.get $end
    global.set $heap
    local.get $ptr)

  (func (export "__wbindgen_realloc") (param $ptr i32) (param $old i32) (param $new i32) (result i32)
    (local $to i32)
    local.get $new
    call $malloc
    local.tee $to
    local.get $ptr
    local.get $old
    local.get $new
    local.get $old
    local.get $new
    i32.lt_u
    select
    memory.copy
    local.get $to)

  (func (export "__wbindgen_free") (param i32 i32))

  ;; remember(obj: JsValue): keeps the object, dropping the one before.
  (func (export "remember") (param $idx i32)
    global.get $remembered
    if
      global.get $remembered
      call $drop_ref
    end
    local.get $idx
    global.set $remembered)

  ;; remembered_index() -> u32: the slab index remember() was given (tests
  ;; read it to see the glue's heap slab start afresh in a new generation).
  (func (export "remembered_index") (result i32)
    global.get $remembered)

  ;; recall() -> JsValue: the remembered object, or undefined (index 32).
  (func (export "recall") (result i32)
    global.get $remembered
    if (result i32)
      global.get $remembered
      call $clone_ref
    else
      i32.const 32
    end)

  ;; greet(name: &str) -> String: "Hello, " + name, returned through retptr.
  (func (export "greet") (param $retptr i32) (param $name i32) (param $len i32)
    (local $out i32)
    local.get $len
    i32.const 7
    i32.add
    call $malloc
    local.tee $out
    i32.const 64
    i32.const 7
    memory.copy
    local.get $out
    i32.const 7
    i32.add
    local.get $name
    local.get $len
    memory.copy
    local.get $retptr
    local.get $out
    i32.store
    local.get $retptr
    local.get $len
    i32.const 7
    i32.add
    i32.store offset=4)

  ;; wasm_bindgen::throw_str("no such thing"): the import throws.
  (func (export "fail")
    i32.const 80
    i32.const 13
    call $throw
    unreachable)

  ;; A panic under panic=abort.
  (func (export "crash")
    unreachable)

  ;; class Tally: a pointer to an i32.
  (func (export "tally_new") (result i32)
    (local $ptr i32)
    i32.const 4
    call $malloc
    local.tee $ptr
    i32.const 0
    i32.store
    local.get $ptr)
  (func (export "tally_add") (param $ptr i32) (param $n i32) (result i32)
    local.get $ptr
    local.get $ptr
    i32.load
    local.get $n
    i32.add
    i32.store
    local.get $ptr
    i32.load)
  (func (export "__wbg_tally_free") (param i32)))
