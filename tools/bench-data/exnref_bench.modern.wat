;; A loop whose every turn enters a try_table with a catch_all_ref landing
;; pad, for eh_outlined_call_ratio: translated as a landing (the legacy
;; try a compiler writes) or, with WBHOST_EH_OUTLINE=all, outlined behind
;; the JS trampoline (what exnref kept as a value costs).
(module
  (tag $e)
  (func $work (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "loop") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $n)))
        (block $o
          (block $h (result exnref)
            (try_table (catch_all_ref $h)
              (local.set $sum (call $work (local.get $sum))))
            (br $o))
          (throw_ref))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $more)))
    (local.get $sum)))
