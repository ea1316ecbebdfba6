;; A wasm-bindgen-shaped module whose start function traps when JS asks it
;; to: for tests of a recovery whose new instance cannot start (wbhost must
;; give up after a bounded number of tries, with a clear error, and never
;; loop). Written by hand (../shared/design.md), not generated.
(module
  (import "__wbindgen_placeholder__" "__wbg_start_should_fail" (func $should_fail (result i32)))
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))

  ;; #[wasm_bindgen(start)]: fails (a Rust panic under panic=abort) when
  ;; told to.
  (func (export "__wbindgen_start")
    call $should_fail
    if unreachable end)

  (func (export "ping") (result i32)
    global.get $calls
    i32.const 1
    i32.add
    global.set $calls
    global.get $calls)

  (func (export "crash")
    unreachable))
