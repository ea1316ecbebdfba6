;; A wasm-bindgen package built with panic=unwind by a current toolchain
;; (wasm-bindgen 0.2.12x, rustc's modern exception handling), written by
;; hand in the shape that toolchain emits:
;;   - a panic is thrown as C++-style `__cpp_exception` (exported) and
;;     unwinds through landing pads: try_table (catch_all_ref), the frame's
;;     destructors, throw_ref;
;;   - each export's catch-unwind (`__rust_try`) catches `__cpp_exception`
;;     and throws the glue's wrapped-JS tag with a PanicError;
;;   - a `#[wasm_bindgen(catch)]` import is called inside
;;     try_table (catch $jstag), WebAssembly.JSTag being imported.
;; wbhost translates it for V8 10.2 (bindings/wasm/eh_translate.h).
(module
  (import "__wbindgen_placeholder__" "__wbindgen_wrapped_jstag" (tag $wrapped (param externref)))
  (import "__wbindgen_placeholder__" "__wbindgen_jstag" (tag $jstag (param externref)))
  (import "__wbindgen_placeholder__" "__wbg_panicerror_new" (func $panic_error (param i32) (result externref)))
  (import "__wbindgen_placeholder__" "__wbg_call_callback" (func $call_callback (param i32) (result i32)))
  (tag $cpp (export "__cpp_exception") (param i32))
  (memory (export "memory") 1 64)
  (global $counter (mut i32) (i32.const 0))
  (global $drops (mut i32) (i32.const 0))
  (global $next_object (mut i32) (i32.const 1024))
  (global $error (mut externref) (ref.null extern))
  (global (export "__instance_terminated") i32 (i32.const 16))
  (global (export "__abort_handler") i32 (i32.const 20))
  (table (export "__indirect_function_table") 1 funcref)

  ;; A frame with a value to drop: its landing pad runs the destructor
  ;; (counts it) and goes on unwinding with the same exception.
  (func $with_drop (param $code i32)
    (local $e exnref)
    (block $done
      (block $pad (result exnref)
        (try_table (catch_all_ref $pad)
          (call $panic_deep (local.get $code)))
        (br $done))
      (local.set $e)
      (global.set $drops (i32.add (global.get $drops) (i32.const 1)))
      (local.get $e)
      (throw_ref)))

  ;; panic!(): the payload is what __cpp_exception carries.
  (func $panic_deep (param $code i32)
    (throw $cpp (local.get $code)))

  ;; The export's catch-unwind: a caught panic becomes the glue's
  ;; PanicError under the wrapped-JS tag; the instance stays sound.
  (func (export "panic") (param $code i32)
    (block $caught (result i32)
      (try_table (catch $cpp $caught)
        (call $with_drop (local.get $code)))
      (return))
    (throw $wrapped (call $panic_error)))

  (func (export "drops") (result i32) (global.get $drops))

  (func (export "increment") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "get") (result i32) (global.get $counter))

  ;; An abort under landing pads: traps are not caught, nothing runs.
  (func (export "abort")
    (local $e exnref)
    (block $done
      (block $pad (result exnref)
        (try_table (catch_all_ref $pad)
          (unreachable))
        (br $done))
      (local.set $e)
      (global.set $drops (i32.add (global.get $drops) (i32.const 100)))
      (local.get $e)
      (throw_ref)))

  (func (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))

  (func $recurse (export "recurse") (param $n i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))

  ;; A panic in an export built without catch-unwind: __cpp_exception
  ;; escapes (after its landing pad), which nobody marked recoverable.
  (func (export "throw_unmarked")
    (call $with_drop (i32.const 7)))

  (func (export "call_back") (param $id i32) (result i32)
    (i32.add (call $call_callback (local.get $id)) (global.get $counter)))

  ;; A #[wasm_bindgen(catch)] import: the JS exception is Rust's Err (kept
  ;; for take_error), the call's result its Ok.
  (func (export "try_call_back") (param $id i32) (result i32)
    (block $err (result externref)
      (try_table (catch $jstag $err)
        (return (call $call_callback (local.get $id))))
      (unreachable))
    (global.set $error)
    (i32.const -1))
  (func (export "take_error") (result externref)
    (global.get $error)
    (global.set $error (ref.null extern)))

  (func (export "allocate_everything")
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable)

  (func (export "counter_new") (param $start i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $next_object))
    (global.set $next_object (i32.add (global.get $next_object) (i32.const 4)))
    (i32.store (local.get $ptr) (local.get $start))
    (local.get $ptr))
  (func (export "counter_add") (param $ptr i32) (param $n i32) (result i32)
    (i32.store (local.get $ptr) (i32.add (i32.load (local.get $ptr)) (local.get $n)))
    (i32.load (local.get $ptr)))
  (func (export "counter_value") (param $ptr i32) (result i32)
    (i32.load (local.get $ptr)))
  (func (export "__wbg_counter_free") (param i32 i32)))
