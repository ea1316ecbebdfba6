;; A modern exception handling module with no imports, imported as an ES
;; module by js-tests/wasm/modern-eh.js (and sent to a Worker there); kept()
;; keeps an exnref in a global (its try_table outlined).
(module
  (tag $t (param i32))
  (global $saved (mut exnref) (ref.null exn))
  (func (export "kept") (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $t (i32.const 7)))
      (return (i32.const -1)))
    (global.set $saved)
    (block $h2 (result i32)
      (try_table (catch $t $h2) (throw_ref (global.get $saved)))
      (i32.const -2)))
  (func (export "caught") (result i32)
    (block $h (result i32)
      (try_table (catch $t $h)
        (throw $t (i32.const 42)))
      (i32.const -1))))
