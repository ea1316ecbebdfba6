;; A loop of calls into a JS import, for jstag_call_overhead_ratio: the
;; instance imports WebAssembly.JSTag or another tag of the same type.
(module
  (import "m" "tag" (tag (param externref)))
  (import "m" "f" (func $f (param i32) (result i32)))
  (func (export "loop") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $f (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $more)))
    (local.get $sum)))
