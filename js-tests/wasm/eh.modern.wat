;; Modern exception handling (try_table, throw_ref, exnref) in the shapes
;; wbhost translates for V8 10.2 (bindings/wasm/eh_translate.h), for
;; js-tests/wasm/modern-eh.js. `.modern.wat`: assembled by the npm wabt
;; tools/setup installs (build/scripts/wat2wasm.py).
(module
  (import "m" "f" (func $f (param i32)))
  (import "m" "jstag" (tag $js (param externref)))
  (tag $t (export "t") (param i32))
  (global $cleanups (export "cleanups") (mut i32) (i32.const 0))
  (global $last (export "last") (mut i32) (i32.const 0))

  ;; catch: the payload, branched to the clause's label.
  (func (export "payload") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $t $h)
        (call $f (local.get 0)))
      (i32.const -1)))

  ;; A catch clause naming the function's own label: its results.
  (func (export "toFunction") (param i32) (result i32)
    (try_table (catch $t 0)
      (call $f (local.get 0)))
    (i32.const -1))

  ;; Clauses in order: $t first, then anything.
  (func (export "ordered") (param i32) (result i32)
    (block $any
      (block $own (result i32)
        (try_table (catch $t $own) (catch_all $any)
          (call $f (local.get 0)))
        (return (i32.const 0)))
      (return))
    (i32.const 2))

  ;; A landing pad: catch_all_ref, cleanup, throw_ref (LLVM's shape for
  ;; Rust's destructors): the exception goes on as itself.
  (func (export "landing") (param i32)
    (local $e exnref)
    (block $done
      (block $h (result exnref)
        (try_table (catch_all_ref $h)
          (call $f (local.get 0)))
        (br $done))
      (local.set $e)
      (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
      (local.get $e)
      (throw_ref)))

  ;; Two calls sharing one landing pad.
  (func (export "shared") (param i32) (param i32)
    (local $e exnref)
    (block $done
      (block $h (result exnref)
        (try_table (catch_all_ref $h)
          (call $f (local.get 0)))
        (try_table (catch_all_ref $h)
          (call $f (local.get 1)))
        (br $done))
      (local.set $e)
      (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 10)))
      (local.get $e)
      (throw_ref)))

  ;; catch_ref with a payload: the landing keeps it, then rethrows.
  (func (export "payloadRef") (param i32)
    (local $e exnref)
    (block $done
      (block $h (result i32 exnref)
        (try_table (catch_ref $t $h)
          (call $f (local.get 0)))
        (br $done))
      (local.set $e)
      (global.set $last)
      (local.get $e)
      (throw_ref)))

  ;; The exnref thrown again at once.
  (func (export "direct") (param i32)
    (block $done
      (block $h (result exnref)
        (try_table (catch_all_ref $h)
          (call $f (local.get 0)))
        (br $done))
      (throw_ref)))

  ;; A landing that may leave without rethrowing (a branch out of the moved
  ;; code) and whose cleanup has a try_table of its own.
  (func (export "swallow") (param i32) (param $keep i32) (result i32)
    (local $e exnref)
    (block $out
      (block $done
        (block $h (result exnref)
          (try_table (catch_all_ref $h)
            (call $f (local.get 0)))
          (br $done))
        (local.set $e)
        (block $quiet
          (try_table (catch_all $quiet)
            (call $f (i32.const 9))))
        (br_if $out (i32.eqz (local.get $keep)))
        (local.get $e)
        (throw_ref))
      (return (i32.const 0)))
    (i32.const 1))
)
