;; A wasm-bindgen-shaped module built with panic=unwind, for the recovery
;; demo and tests. Written by hand in the shape wasm-bindgen's ABI gives
;; (see ../../../shared design notes): a Rust panic leaves as an exception
;; with the glue's wrapped-JS tag carrying a PanicError; an abort traps.
(module
  (import "__wbindgen_placeholder__" "__wbindgen_wrapped_jstag" (tag $jstag (param externref)))
  (import "__wbindgen_placeholder__" "__wbg_panicerror_new" (func $panic_error (param i32) (result externref)))
  (import "__wbindgen_placeholder__" "__wbg_call_callback" (func $call_callback (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_abort_hook_ran" (func $abort_hook_ran))
  (tag $cpp_exception (param i32))
  (memory (export "memory") 1 64)
  (global $counter (mut i32) (i32.const 0))
  (global $next_object (mut i32) (i32.const 1024))
  ;; The glue's __instance_terminated flag lives at this address.
  (global (export "__instance_terminated") i32 (i32.const 16))
  ;; wasm_bindgen::handler::set_on_abort keeps the hook's function-table
  ;; index (0: none) at this address; the glue calls it after an abort.
  (global (export "__abort_handler") i32 (i32.const 20))
  (table (export "__indirect_function_table") 2 funcref)
  (elem (i32.const 1) func $on_abort)

  ;; The crate's abort hook: tells JS it ran.
  (func $on_abort
    call $abort_hook_ran)

  ;; set_on_abort(on_abort), as the crate's start code would call it.
  (func (export "set_abort_hook")
    i32.const 20
    i32.const 1
    i32.store)

  (func (export "increment") (result i32)
    global.get $counter
    i32.const 1
    i32.add
    global.set $counter
    global.get $counter)

  (func (export "get") (result i32)
    global.get $counter)

  ;; panic!("...") under panic=unwind: Rust unwinds, the shim throws the
  ;; wrapped-JS tag with a PanicError the glue built.
  (func (export "panic") (param $code i32)
    local.get $code
    call $panic_error
    throw $jstag)

  ;; std::process::abort() / a panic under panic=abort.
  (func (export "abort")
    unreachable)

  (func (export "divide") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)

  (func $recurse (export "recurse") (param $n i32) (result i32)
    local.get $n
    i32.const 1
    i32.add
    call $recurse)

  ;; A C++-style exception that nobody marked as recoverable.
  (func (export "throw_unmarked")
    i32.const 7
    throw $cpp_exception)

  ;; Calls back into JS (the callback may call into the module again).
  (func (export "call_back") (param $id i32) (result i32)
    local.get $id
    call $call_callback
    global.get $counter
    i32.add)

;; A runaway allocation: grow page by page until the memory's maximum
  ;; refuses, then abort as Rust's allocation-failure handler does.
  (func (export "allocate_everything")
    (loop $more
      i32.const 1
      memory.grow
      i32.const -1
      i32.ne
      br_if $more)
    unreachable)

  ;; class Counter: a pointer to an i32 in linear memory.
  (func (export "counter_new") (param $start i32) (result i32)
    (local $ptr i32)
    global.get $next_object
    local.set $ptr
    global.get $next_object
    i32.const 4
    i32.add
    global.set $next_object
    local.get $ptr
    local.get $start
    i32.store
    local.get $ptr)
  (func (export "counter_add") (param $ptr i32) (param $n i32) (result i32)
    local.get $ptr
    local.get $ptr
    i32.load
    local.get $n
    i32.add
    i32.store
    local.get $ptr
    i32.load)
  (func (export "counter_value") (param $ptr i32) (result i32)
    local.get $ptr
    i32.load)
  (func (export "__wbg_counter_free") (param i32 i32)))
