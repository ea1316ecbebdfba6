;; The call-overhead benchmark's module: a trivial export, a class with a
;; trivial method, and an export that traps (for recovery timing).
(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 16))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "counter_new") (result i32)
    (local $p i32)
    global.get $next
    local.set $p
    global.get $next
    i32.const 4
    i32.add
    global.set $next
    local.get $p)
  (func (export "counter_inc") (param i32) (result i32)
    local.get 0
    local.get 0
    i32.load
    i32.const 1
    i32.add
    i32.store
    local.get 0
    i32.load)
  (func (export "__wbg_counter_free") (param i32 i32))
  (func (export "fail")
    unreachable))
