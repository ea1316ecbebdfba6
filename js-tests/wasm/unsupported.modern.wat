;; exnref where wbhost cannot give V8 10.2 an equivalent: a try_table that
;; keeps its exnref is outlined into a function of its own
;; (bindings/wasm/eh_outline.h), and a legacy `rethrow` inside it of a
;; catch outside it cannot follow. wbhost refuses it with a CompileError.
(module
  (tag $e)
  (func (export "crossing") (result i32)
    (local $x exnref)
    (try
      (do (throw $e))
      (catch_all
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (rethrow 2))
          (unreachable))
        (local.set $x)))
    (i32.const 1)))
