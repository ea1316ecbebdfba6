;; A key-value store in Wasm memory, for checkpoints (docs/recovery.md):
;; entries are structs in linear memory that JS holds as `Entry` handles,
;; in the shape wasm-bindgen gives a Rust crate (written by hand). Its state
;; is everywhere a checkpoint must reach: linear memory (the entries, their
;; keys), mutable globals the module does not export (__stack_pointer, the
;; allocator's top, the list head, the count, a kept heap index), a funcref
;; table set at run time, and an externref table JS values live in. Built
;; panic=unwind (a panic throws the glue's wrapped tag); the build makes a
;; panic=abort variant where a panic is `unreachable`.
(module
  (type $transform (func (param i32) (result i32)))
  (import "wbg" "__wbindgen_wrapped_jstag" (tag $jstag (param externref)))
  (import "wbg" "__wbg_panicerror_new" (func $panic_error (param i32) (result externref)))
  (import "wbg" "__wbg_call_callback" (func $call_callback (param i32) (result i32)))
  (import "wbg" "__wbindgen_object_drop_ref" (func $drop_ref (param i32)))
  ;; WebAssembly.JSTag, as glue from 0.2.109 on imports it.
  (import "wbg" "__wbindgen_js_tag" (tag $js (param externref)))
  (memory (export "memory") 2 256)
  (global $__stack_pointer (mut i32) (i32.const 65536))
  (global $top (mut i32) (i32.const 65536))
  (global $head (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $kept (mut i32) (i32.const 0))
  (global $frees (mut i32) (i32.const 0))
  (table $fns (export "__indirect_function_table") 3 funcref)
  (elem (i32.const 1) func $double $triple)
  (table $refs (export "__wbindgen_externrefs") 1 externref)

  (func $double (type $transform) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (type $transform) (i32.mul (local.get 0) (i32.const 3)))

  ;; --- the allocator: a bump allocator; a failed grow is an allocation
  ;; failure, which Rust turns into an abort.
  (func $malloc (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535))
                                                      (i32.const 16))
                                           (memory.size)))
                    (i32.const -1))
          (then unreachable))))
    (global.set $top (local.get $end))
    (local.get $ptr))
  (func (export "__wbindgen_realloc") (param $ptr i32) (param $old i32) (param $new i32)
        (param $align i32) (result i32)
    (local $to i32)
    (local.set $to (call $malloc (local.get $new) (local.get $align)))
    (memory.copy (local.get $to) (local.get $ptr) (local.get $old))
    (local.get $to))
  (func (export "__wbindgen_free") (param i32 i32 i32))
  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    (global.set $__stack_pointer (i32.add (global.get $__stack_pointer) (local.get $delta)))
    (global.get $__stack_pointer))

  ;; --- the store: an entry is {key_ptr, key_len, value, next}, 16 bytes.
  (func (export "kv_put") (param $key i32) (param $len i32) (param $value i32) (result i32)
    (local $entry i32)
    (local.set $entry (call $malloc (i32.const 16) (i32.const 4)))
    (i32.store (local.get $entry) (local.get $key))
    (i32.store offset=4 (local.get $entry) (local.get $len))
    (i32.store offset=8 (local.get $entry) (local.get $value))
    (i32.store offset=12 (local.get $entry) (global.get $head))
    (global.set $head (local.get $entry))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (local.get $entry))
  (func $same_key (param $entry i32) (param $key i32) (param $len i32) (result i32)
    (local $i i32)
    (if (i32.ne (i32.load offset=4 (local.get $entry)) (local.get $len)) (then (return (i32.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.ne (i32.load8_u (i32.add (i32.load (local.get $entry)) (local.get $i)))
                    (i32.load8_u (i32.add (local.get $key) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))
  ;; The value under a key, or -1.
  (func (export "kv_get") (param $key i32) (param $len i32) (result i32)
    (local $entry i32)
    (local.set $entry (global.get $head))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $entry)))
        (if (call $same_key (local.get $entry) (local.get $key) (local.get $len))
          (then (return (i32.load offset=8 (local.get $entry)))))
        (local.set $entry (i32.load offset=12 (local.get $entry)))
        (br $next)))
    (i32.const -1))
  (func (export "kv_count") (result i32) (global.get $count))
  (func (export "entry_value") (param $entry i32) (result i32)
    (i32.load offset=8 (local.get $entry)))
  (func (export "entry_set_value") (param $entry i32) (param $value i32)
    (i32.store offset=8 (local.get $entry) (local.get $value)))
  ;; The key as (ptr, len) at retptr.
  (func (export "entry_key") (param $retptr i32) (param $entry i32)
    (i32.store (local.get $retptr) (i32.load (local.get $entry)))
    (i32.store offset=4 (local.get $retptr) (i32.load offset=4 (local.get $entry))))
  ;; Frees nothing (a bump allocator), but counts.
  (func (export "__wbg_entry_free") (param i32 i32)
    (global.set $frees (i32.add (global.get $frees) (i32.const 1))))
  (func (export "kv_frees") (result i32) (global.get $frees))

  ;; --- JS values: a heap-slab index the glue keeps (older glue), and
  ;; externrefs in the table (newer glue).
  (func (export "kv_keep") (param $index i32)
    (if (global.get $kept) (then (call $drop_ref (global.get $kept))))
    (global.set $kept (local.get $index)))
  (func (export "kv_kept") (result i32) (global.get $kept))
  (func $keep_ref (export "kv_keep_ref") (param $value externref) (result i32)
    (table.grow $refs (local.get $value) (i32.const 1)))
  (func (export "kv_ref") (param $index i32) (result externref)
    (table.get $refs (local.get $index)))

  ;; --- a transform chosen at run time: a funcref table slot set by Wasm.
  (func (export "kv_set_transform") (param $triple i32)
    (if (local.get $triple)
      (then (table.set $fns (i32.const 0) (ref.func $triple)))
      (else (table.set $fns (i32.const 0) (ref.func $double)))))
  (func (export "kv_apply") (param $x i32) (result i32)
    (call_indirect $fns (type $transform) (local.get $x) (i32.const 0)))

  ;; --- failures.
  (func (export "kv_abort") unreachable)
  (func (export "kv_panic") (param $code i32)
    (throw $jstag (call $panic_error (local.get $code))))
  (func (export "kv_call_back") (param $id i32) (result i32)
    (call $call_callback (local.get $id)))
  ;; A `catch` import as Rust calls one: the callback's JS exception caught
  ;; under JSTag and kept (minus its externref index), else its result.
  (func (export "kv_try_call_back") (param $id i32) (result i32)
    (try (result i32)
      (do (call $call_callback (local.get $id)))
      (catch $js (call $keep_ref) (i32.const -1) (i32.mul))))
  ;; Rust's throw_val with JSTag: the JS value thrown as it is.
  (func (export "kv_throw_value") (param $value externref)
    (throw $js (local.get $value)))
  (func (export "kv_allocate_everything")
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable)
  ;; Grows the memory to at least `pages` and writes a byte in each page
  ;; (so that it is resident): for the checkpoint benchmarks.
  (func (export "kv_reserve") (param $pages i32)
    (local $page i32)
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $pages) (memory.size))))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $page) (memory.size)))
        (i32.store8 (i32.shl (local.get $page) (i32.const 16)) (local.get $page))
        (local.set $page (i32.add (local.get $page) (i32.const 1)))
        (br $next))))
)
