;; WebAssembly.JSTag with legacy exception handling (what V8 10.2 runs):
;; for js-tests/wasm/jstag*.js.
(module
  (import "m" "jstag" (tag $jstag (param externref)))
  (import "m" "f" (func $f (param i32)))
  (tag $own (export "own") (param i32))
  ;; What f threw, if JSTag caught it; null if f returned.
  (func (export "catchJS") (param i32) (result externref)
    (try (result externref)
      (do (call $f (local.get 0)) (ref.null extern))
      (catch $jstag)))
  ;; 1 if catch_all caught what f threw.
  (func (export "catchAll") (param i32) (result i32)
    (try (result i32)
      (do (call $f (local.get 0)) (i32.const 0))
      (catch_all (i32.const 1))))
  ;; Whatever f threw, caught and thrown on.
  (func (export "rethrow") (param i32)
    (try
      (do (call $f (local.get 0)))
      (catch_all (rethrow 0))))
  (func (export "throwJS") (param externref)
    (throw $jstag (local.get 0)))
  ;; f's WebAssembly.Exception of $own: its payload; -2 if JSTag caught it.
  (func (export "catchOwn") (param i32) (result i32)
    (try (result i32)
      (do (call $f (local.get 0)) (i32.const -1))
      (catch $jstag (drop) (i32.const -2))
      (catch $own)))
  (func (export "throwOwn") (param i32)
    (throw $own (local.get 0)))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  ;; A function it never exports, in a table it does.
  (table $table (export "table") 1 funcref)
  (elem (table $table) (i32.const 0) func $hidden)
  (func $hidden (param externref)
    (throw $jstag (local.get 0))))
