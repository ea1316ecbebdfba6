;; The floor under eh_outlined_call_ratio: a loop whose every turn does
;; exnref_bench.modern.wat's work in a function a JS function calls back,
;; catching what it throws (what any way of letting JS catch the exception
;; pays per entry, as V8 10.2 must to hold an exnref as a value).
(module
  (import "js" "enter" (func $enter (param funcref) (result externref)))
  (global $sum (mut i32) (i32.const 0))
  (func $work (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $body
    (global.set $sum (call $work (global.get $sum))))
  (elem declare func $body)
  (func (export "loop") (param $n i32) (result i32)
    (global.set $sum (i32.const 0))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $n)))
        (drop (call $enter (ref.func $body)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $more)))
    (global.get $sum)))
