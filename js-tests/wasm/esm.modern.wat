;; A modern exception handling module with no imports, imported as an ES
;; module by js-tests/wasm/modern-eh.js.
(module
  (tag $t (param i32))
  (func (export "caught") (result i32)
    (block $h (result i32)
      (try_table (catch $t $h)
        (throw $t (i32.const 42)))
      (i32.const -1))))
