;; A wasm-bindgen-shaped module built with panic=abort (a panic traps), for
;; the recovery tests: strings through __wbindgen_malloc/realloc/free and a
;; return pointer, an externref table set up by __wbindgen_start, a class
;; whose instances Wasm makes (__wrap), closures called from Wasm, and an
;; async export finished in a later task. Written by hand in the shape of
;; wasm-bindgen's ABI (../shared/design.md), not generated.
(module
  (import "wbg" "__wbindgen_init_externref_table" (func $init_table))
  (import "wbg" "__wbg_call_closure" (func $call_closure (param i32 i32) (result i32)))
  (import "wbg" "__wbg_resolve" (func $resolve (param i32 i32)))
  (memory (export "memory") 1 16)
  (table $refs (export "__wbindgen_export_0") 4 externref)
  ;; Bytes 0..1024 are the shadow stack (return pointers); the heap follows.
  (global $sp (mut i32) (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $next_ref (mut i32) (i32.const 4))
  (global $started (mut i32) (i32.const 0))
  (global $remembered (mut i32) (i32.const 0))
  (global $next_job (mut i32) (i32.const 1))

  (func (export "__wbindgen_start")
    call $init_table
    i32.const 1
    global.set $started)

  (func (export "started") (result i32) global.get $started)

  ;; --- memory: a bump allocator; a failed grow is an allocation failure,
  ;; which Rust turns into an abort (a trap).
  (func $malloc (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $ptr i32) (local $end i32)
    global.get $heap
    i32.const 7
    i32.add
    i32.const -8
    i32.and
    local.tee $ptr
    local.get $size
    i32.add
    local.tee $end
    memory.size
    i32.const 16
    i32.shl
    i32.gt_u
    if
      local.get $end
      i32.const 65535
      i32.add
      i32.const 16
      i32.shr_u
      memory.size
      i32.sub
      memory.grow
      i32.const -1
      i32.eq
      if unreachable end
    end
    local.get $end
    global.set $heap
    local.get $ptr)

  (func (export "__wbindgen_realloc") (param $ptr i32) (param $old i32) (param $new i32)
        (param $align i32) (result i32)
    (local $fresh i32)
    local.get $new
    local.get $old
    i32.le_u
    if (result i32)
      local.get $ptr
    else
      local.get $new
      local.get $align
      call $malloc
      local.tee $fresh
      local.get $ptr
      local.get $old
      memory.copy
      local.get $fresh
    end)

  (func (export "__wbindgen_free") (param i32 i32 i32))

  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    global.get $sp
    local.get $delta
    i32.add
    global.set $sp
    global.get $sp)

  ;; --- the externref table: slots 0..3 are the glue's constants.
  (func (export "__externref_table_alloc") (result i32)
    global.get $next_ref
    table.size $refs
    i32.ge_u
    if
      ref.null extern
      i32.const 16
      table.grow $refs
      drop
    end
    global.get $next_ref
    global.get $next_ref
    i32.const 1
    i32.add
    global.set $next_ref)

  (func (export "__externref_table_dealloc") (param $idx i32)
    local.get $idx
    ref.null extern
    table.set $refs)

  (func (export "remember") (param $idx i32)
    local.get $idx
    global.set $remembered)

  ;; 0 (undefined) until remember(); a fresh instance has forgotten.
  (func (export "recall") (result i32) global.get $remembered)

  ;; --- strings: shout(s) returns s with ASCII letters upper-cased; a
  ;; string starting with '!' panics (panic=abort: a trap).
  (func (export "shout") (param $retptr i32) (param $ptr i32) (param $len i32)
    (local $out i32) (local $i i32) (local $c i32)
    local.get $len
    if
      local.get $ptr
      i32.load8_u
      i32.const 33
      i32.eq
      if unreachable end
    end
    local.get $len
    i32.const 1
    call $malloc
    local.set $out
    block $done
      loop $next
        local.get $i
        local.get $len
        i32.ge_u
        br_if $done
        local.get $ptr
        local.get $i
        i32.add
        i32.load8_u
        local.tee $c
        i32.const 97
        i32.ge_u
        local.get $c
        i32.const 122
        i32.le_u
        i32.and
        if
          local.get $c
          i32.const 32
          i32.sub
          local.set $c
        end
        local.get $out
        local.get $i
        i32.add
        local.get $c
        i32.store8
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $retptr
    local.get $out
    i32.store
    local.get $retptr
    local.get $len
    i32.store offset=4)

  ;; --- class Label { text }: Wasm makes instances (the glue __wrap's the
  ;; pointer). An object is [ptr, len, live]; freeing twice traps, and so
  ;; does freeing a label whose text is "poison" (a finalizer's abort).
  (func (export "label_new") (param $ptr i32) (param $len i32) (result i32)
    (local $obj i32)
    i32.const 12
    i32.const 4
    call $malloc
    local.tee $obj
    local.get $ptr
    i32.store
    local.get $obj
    local.get $len
    i32.store offset=4
    local.get $obj
    i32.const 1
    i32.store offset=8
    local.get $obj)

  (func (export "label_text") (param $retptr i32) (param $obj i32)
    local.get $retptr
    local.get $obj
    i32.load
    i32.store
    local.get $retptr
    local.get $obj
    i32.load offset=4
    i32.store offset=4)

  (func (export "__wbg_label_free") (param $obj i32) (param $finalizing i32)
    local.get $obj
    i32.load offset=8
    i32.eqz
    if unreachable end
    ;; "poison" is 6 bytes starting with 'p' (112)
    local.get $obj
    i32.load offset=4
    i32.const 6
    i32.eq
    if
      local.get $obj
      i32.load
      i32.load8_u
      i32.const 112
      i32.eq
      if unreachable end
    end
    local.get $obj
    i32.const 0
    i32.store offset=8)

  ;; --- closures: each(n, f) calls f(i) for i < n from Wasm and sums the
  ;; results; f may call into the module again.
  (func (export "each") (param $n i32) (param $f i32) (result i32)
    (local $i i32) (local $sum i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_s
        br_if $done
        local.get $f
        local.get $i
        call $call_closure
        local.get $sum
        i32.add
        local.set $sum
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $sum)

  ;; --- an async export: later(x) starts a job; the glue polls it in a
  ;; later task, which resolves with x * 2, or traps for a negative x.
  (func (export "later_start") (param $x i32) (result i32)
    (local $job i32)
    global.get $next_job
    local.set $job
    global.get $next_job
    i32.const 1
    i32.add
    global.set $next_job
    local.get $job)

  (func (export "later_poll") (param $job i32) (param $x i32)
    local.get $x
    i32.const 0
    i32.lt_s
    if unreachable end
    local.get $job
    local.get $x
    i32.const 2
    i32.mul
    call $resolve))
