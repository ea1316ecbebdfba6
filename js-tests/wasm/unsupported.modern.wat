;; exnref where V8 10.2's legacy exception handling has no equivalent: a
;; first-class null exnref thrown. wbhost refuses it with a CompileError.
(module
  (func (export "nullRef")
    (throw_ref (ref.null exn))))
