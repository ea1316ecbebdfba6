;; A tiny module for the hello-wasm example: add, and a counter in memory.
(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "bump") (result i32)
    global.get $count
    i32.const 1
    i32.add
    global.set $count
    global.get $count))
