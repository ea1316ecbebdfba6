;; exnref where wbhost cannot give V8 10.2 an equivalent: an exnref kept
;; past its landing (the try_table is outlined behind a JS trampoline,
;; which passes every local through JS) in a function with a v128 local,
;; which JS cannot hold. wbhost refuses it with a CompileError.
(module
  (tag $e)
  (func (export "vector") (result i32)
    (local $v v128)
    (local $x exnref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e))
      (unreachable))
    (local.set $x)
    (i32.const 1)))
