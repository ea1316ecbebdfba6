;; A module for textkit's glue (js-tests/packages/textkit/textkit.js) with
;; exnref at its boundary: an export taking one, one giving one, an exnref
;; global, and a glue import whose signature has one. Its try_table keeps
;; the exnref in a global, so wbhost outlines it (bindings/wasm/
;; eh_outline.h). js-tests/recovery/exnref-binding.js checks that exnref
;; crosses to and from JS through a binding no more than through the JS API,
;; and that a checkpoint keeps the exnref global and the funcref table
;; (whose functions have the indices of the translation's helpers).
(module
  (import "wbg" "__wbg_resolve" (func $resolve (param i32 exnref)))
  (type $number (func (result i32)))
  (table $fns 2 funcref)
  (elem (table $fns) (i32.const 0) func $one $two)
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (func (export "call_fn") (param i32) (result i32)
    (call_indirect $fns (type $number) (local.get 0)))
  (memory (export "memory") 1)
  (tag $e (param i32))
  (global $saved (export "saved") (mut exnref) (ref.null exn))
  (global $count (mut i32) (i32.const 0))
  (func (export "__wbindgen_start"))
  (func (export "increment") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "keep") (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e (local.get 0)))
      (return))
    (global.set $saved))
  (func (export "has_saved") (result i32)
    (i32.eqz (ref.is_null (global.get $saved))))
  (func (export "take") (param exnref))
  (func (export "give") (result exnref) (global.get $saved))
  (func (export "hand_over") (call $resolve (i32.const 0) (global.get $saved)))
  (func (export "trap") unreachable))
