;; An outlined exnref in an instance that imports WebAssembly.JSTag and
;; has a function import carrying exnref beside imports of another
;; namespace: js-tests/wasm/exnref.js checks that every import reaches it
;; and that what it keeps of a JSTag exception reaches JS bare.
(module
  (import "js" "tag" (tag $jstag (param externref)))
  (import "m" "passExn" (func $passExn (param exnref)))
  (import "n" "seven" (func $seven (result i32)))
  (global $saved (mut exnref) (ref.null exn))
  (func (export "seven") (result i32) (call $seven))
  (func (export "keep") (param externref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $jstag (local.get 0)))
      (return))
    (global.set $saved))
  (func (export "rethrowSaved") (throw_ref (global.get $saved)))
  (func (export "handOver") (call $passExn (global.get $saved))))
