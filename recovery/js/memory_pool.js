// The memory a binding's generations import (the module was rewritten to
// import it: bindings/wasm/memory_import.h). A generation a checkpoint will
// be put into gets the memory a dead generation left, if it is no larger
// than the checkpoint's: no memory is allocated per recovery (V8 answers
// a storm of 16 MiB allocations with collections), and the restore maps
// the checkpoint's image over pages that are already there
// (recovery/memory_image.h). Else a new memory, as the module would have
// made. A memory is kept only from a generation with no frame on the
// stack: none of its code can run again on it (its exports refuse, its
// tables are no-ops: generation.js).
(function (natives, require) {
  'use strict';
  const PAGE = 65536;

  class MemoryPool {
    constructor(binding) {
      this.binding = binding;
      this.kept = undefined;  // a dead generation's memory
    }

    // The memory `gen`'s instance imports, of the module's `limits`.
    forGeneration(gen, limits) {
      const kept = this.kept;
      this.kept = undefined;
      const checkpoint = gen.restoring;
      if (kept !== undefined && checkpoint !== undefined) {
        const pages = kept.buffer.byteLength / PAGE;
        if (pages >= limits.initial && pages <= checkpoint.memoryPages()) {
          // Views of it that the dead generation's glue or the program
          // kept are detached, not shown the new generation's state.
          kept.grow(0);
          return kept;
        }
      }
      return new WebAssembly.Memory(limits);
    }

    // `gen` was killed (or, a standby, discarded: `onlyIfEmpty`): its
    // memory is kept for the next generation made from the checkpoint.
    retire(gen, onlyIfEmpty = false) {
      if (onlyIfEmpty && this.kept !== undefined) return;
      if (gen.ownMemory === undefined || gen.inImport > 0) return;
      if (this.binding.checkpoints.current === undefined) return;
      this.kept = gen.ownMemory;
      gen.ownMemory = undefined;
    }
  }

  return { MemoryPool };
})
