;; exnref as a value, which the legacy form V8 10.2 compiles has no
;; equivalent for: kept past its landing, in a global, a table, a
;; parameter; thrown again later; null. wbhost outlines such try_tables
;; behind a JS trampoline (bindings/wasm/eh_outline.h); js-tests/wasm/
;; exnref.js checks what a program sees.
(module
  (import "m" "thrower" (func $thrower (param i32)))
  (import "m" "exnGlobal" (global $imported (mut exnref)))
  ;; A JS function here refuses; another instance's throwsExn works.
  (import "m" "passExn" (func $passExn (param exnref)))
  (tag $e (export "e") (param i32))
  (global $saved (mut exnref) (ref.null exn))
  (global $started (mut i32) (i32.const 0))
  (table $exns 2 exnref)
  (elem (table $exns) (i32.const 0) exnref (ref.null exn))

  ;; What the import throws, kept in a global, thrown again by another call.
  (func (export "keep") (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
      (return))
    (global.set $saved))
  (func (export "rethrowSaved")
    (throw_ref (global.get $saved)))
  (func (export "hasSaved") (result i32)
    (i32.eqz (ref.is_null (global.get $saved))))
  (func (export "clear")
    (global.set $saved (ref.null exn)))

  ;; A local written before the throw is seen by the code after the catch.
  (func (export "localWrites") (result i32)
    (local $x i32)
    (local $k exnref)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h)
        (local.set $x (i32.const 7))
        (throw $e (i32.const 5)))
      (return (i32.const -1)))
    (local.set $k)
    (i32.add (local.get $x)))

  ;; Every way out of an outlined try_table: a branch with a value to an
  ;; outer label, return, the catch, and its own end with its result.
  (func (export "exits") (param i32) (result i32)
    (block $out (result i32)
      (block $h (result exnref)
        (try_table (result i32) (catch_all_ref $h)
          (if (i32.eq (local.get 0) (i32.const 0)) (then (br $out (i32.const 100))))
          (if (i32.eq (local.get 0) (i32.const 1)) (then (return (i32.const 200))))
          (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $e (i32.const 3))))
          (i32.const 300))
        (br $out))
      (global.set $saved)
      (i32.const 400)))

  ;; An exnref passed to a function, stored in a table, thrown from there.
  (func $store (param exnref)
    (table.set $exns (i32.const 1) (local.get 0)))
  (func (export "viaTable") (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
      (return))
    (call $store)
    (throw_ref (table.get $exns (i32.const 1))))

  ;; throw_ref of a null exnref traps; catch_all_ref does not catch traps.
  (func (export "nullRef")
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw_ref (ref.null exn)))
      (return))
    (drop))
  (func (export "trapInside") (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (unreachable))
      (return (i32.const 0)))
    (drop)
    (i32.const 1))

  ;; A payload and its exception both kept; nested outlined try_tables,
  ;; the inner one's exception rethrown to the outer.
  (func (export "payload") (result i32)
    (local $x exnref)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h) (throw $e (i32.const 41)))
      (return (i32.const 0)))
    (local.set $x)
    (i32.add (i32.const 1)))
  (func (export "nested") (result i32)
    (local $inner exnref)
    (block $h2 (result i32 exnref)
      (try_table (catch_ref $e $h2)
        (block $h1 (result exnref)
          (try_table (catch_all_ref $h1) (throw $e (i32.const 9)))
          (unreachable))
        (local.set $inner)
        (throw_ref (local.get $inner)))
      (unreachable))
    (drop))

  ;; Recursion inside an outlined body: each level keeps its locals (they
  ;; cross through registers every level shares).
  (func $depth (export "depth") (param $n i32) (result i32)
    (local $x exnref)
    (local $mine i32)
    (local.set $mine (i32.mul (local.get $n) (i32.const 10)))
    (block $h (result exnref)
      (try_table (catch_all_ref $h)
        (if (i32.gt_u (local.get $n) (i32.const 0))
          (then (drop (call $depth (i32.sub (local.get $n) (i32.const 1))))))
        (local.set $mine (i32.add (local.get $mine) (local.get $n)))
        (if (i32.eq (local.get $n) (i32.const 3)) (then (throw $e (i32.const 0)))))
      (return (local.get $mine)))
    (local.set $x)
    (i32.add (local.get $mine) (i32.const 1000)))

  ;; A v128 local crosses too (through a register, not JS).
  (func (export "vector") (result i32)
    (local $v v128)
    (local $x exnref)
    (local.set $v (v128.const i32x4 1 2 3 4))
    (block $h (result exnref)
      (try_table (catch_all_ref $h)
        (local.set $v (v128.const i32x4 5 6 7 8))
        (throw $e (i32.const 0)))
      (unreachable))
    (local.set $x)
    (i32x4.extract_lane 3 (local.get $v)))

  ;; The start function runs with the helpers in place.
  (func $start
    (local $x exnref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e (i32.const 1)))
      (return))
    (local.set $x)
    (global.set $started (i32.const 1)))
  (start $start)
  (func (export "started") (result i32) (global.get $started))

  ;; exnref at the JS boundary.
  (tag $x (export "exnTag") (param i32 exnref))
  (func (export "throwsExnTag")
    (throw $x (i32.const 5) (ref.null exn)))
  (func (export "takesExn") (param exnref))
  (func (export "throwsExn") (param exnref) (throw_ref (local.get 0)))
  (func (export "handOver") (call $passExn (global.get $saved)))
  (func (export "givesExn") (result exnref) (ref.null exn))
  (global (export "exnGlobal") (mut exnref) (ref.null exn))
  (table (export "exnTable") 1 exnref)
  (func (export "importedIsNull") (result i32) (ref.is_null (global.get $imported))))
