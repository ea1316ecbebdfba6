// A binding: one wasm-bindgen package as the program sees it, across all
// its generations. It owns the recovery mechanics: the boundary on what
// leaves Wasm (boundary.js decides the kind), poisoning a generation,
// listeners, making the next generation from the already compiled module
// (or swapping in the standby: standby.js), stats and --trace-recovery
// lines.
//
// An abort is handled in two steps. At once, where the exception leaves
// Wasm (below the glue): the kind is decided, a WasmAbortError takes the
// exception's place on its way to the caller, and the facade's functions
// are pointed at settlers. Then, once the glue above has run its own
// handling (panic=unwind glue calls the module's abort hook), `settle`
// poisons the generation, runs the onAbort listeners and installs the next
// generation. It runs where the error leaves the program's call into the
// binding (when no frame of that generation is left below), else before
// anything else touches the binding (a settler, a method, a controller
// read) and at the latest in a microtask, so by the time the caller can
// call again, the binding is live again.
//
// The normal path checks nothing of this: a facade function is a call
// through a cell that an abort repoints (recovery/js/wrappers.js).
(function (natives, require) {
  'use strict';
  const { Generation } = require('recovery_generation');
  const { Checkpoints } = require('recovery_checkpoint');
  const { MemoryPool } = require('recovery_memory_pool');
  const { Standby } = require('recovery_standby');
  const { classify, classifyJsValue } = require('recovery_boundary');
  const {
    WasmAbortError, fillAbortError, restackFrom, markDelivered,
  } = require('recovery_errors');

  // A recovery whose new generation fails to start (its start function
  // traps, say) is retried this often, then the binding gives up.
  const MAX_RECREATE_TRIES = 3;
  const RESOLVED = Promise.resolve();
  const PAGE = 65536;
  // Every this many recoveries of a binding, the heap is looked at and V8's
  // young generation shrunk if an abort storm grew it
  // (natives.reduceHeapIfGrown): without it, resident memory grows by ~25
  // MiB within a thousand recoveries of a 1 MiB package and stays there.
  // Every 16 with a 4 MiB budget keeps the growth over 10,000 recoveries
  // at ~6 MiB (every 32 with 8 MiB let it reach 11).
  const RECOVERIES_PER_HEAP_CHECK = 16;

  class Binding {
    // pkg: { name, module, maxPages, asyncOnly, makeGeneration(binding, gen) }
    constructor(pkg, options) {
      this.pkg = pkg;
      this.name = pkg.name;
      this.options = options;
      this.current = undefined;
      this.generation = 0;
      this.state = 'live';
      this.calls = 0;  // apart from stats: one load less on the call path
      // Set when a glue function or import can make a promise (facade.js,
      // generation.js): only then are results looked at for promises.
      this.makesPromises = false;
      this.stats = { panics: 0, aborts: 0, resets: 0 };
      this.listeners = new Set();
      this.pendingAbort = undefined;  // the generation waiting for settle()
      this.standby = new Standby(this);
      this.extraUnwindTags = [];
      this.classPrefixes = [];   // [export-name prefix, class name]
      this.facade = undefined;
      this.failure = undefined;
      this.recoveriesSinceHeapCheck = 0;
      // The memory generations import (memory_pool.js).
      this.memories = new MemoryPool(this);
      // How the last recovery got its generation (--trace-recovery).
      this.recreatedVia = undefined;
      this.checkpoints = new Checkpoints(this, options);
    }

    statsSnapshot() {
      return { calls: this.calls, ...this.stats };
    }

    // --- Where exceptions leave Wasm (recovery/js/wrappers.js).

    // Returns what the export wrapper `from` throws in place of `e`.
    leftWasm(gen, e, from) {
      if (gen.abort !== undefined) return gen.abort.error;
      let kind = classify(e, gen, this.options.strict);
      if (kind === 'jstag') {
        // It reaches JS as the bare value, as the JS API has it.
        e = e.getArg(gen.jsTag, 0);
        kind = classifyJsValue(e, gen, this.options.strict);
      }
      switch (kind) {
        case 'ours':
        case 'ordinary':
          return e;
        case 'unwind':
          this.stats.panics++;
          if (this.options.trace) this.trace(`unwind binding=${this.name} generation=${gen.number}`);
          return e;
        case 'maybe':
          // The glue may mark the instance dead on its way out: look then.
          this.schedule(gen);
          return e;
        default:
          return this.beginAbort(gen, kind, e, from).error;
      }
    }

    // The WasmAbortError's stack starts below `from` (the export wrapper
    // the abort left Wasm through): it reads as thrown by the glue's call
    // into Wasm, as the cause does, without wbhost's frames above.
    beginAbort(gen, kind, cause, from) {
      const message = `${this.name} aborted (${kind}) in generation ${gen.number}; ` +
          'the instance was recreated';
      const spare = gen.spareError;
      gen.spareError = undefined;
      let error;
      if (spare !== undefined) {
        error = fillAbortError(spare, message, kind, cause, gen.number, this.name, from);
      } else {
        error = new WasmAbortError(message, { kind, cause, generation: gen.number, binding: this.name });
        if (from !== undefined) restackFrom(error, from);
      }
      gen.abort = { kind, cause, error, started: this.options.trace ? natives.now() : 0 };
      gen.aborts++;
      this.schedule(gen);
      return gen.abort;
    }

    schedule(gen) {
      if (this.pendingAbort === gen) return;
      this.pendingAbort = gen;
      if (gen === this.current) this.facade.intercept();
      // A reaction job rather than the host's queueMicrotask: no trip
      // through C++ on the failing call's path.
      RESOLVED.then(() => this.settle());
    }

    // What a call through the facade threw, on its way to the program:
    // settles an abort now if no frame of its generation is left below, and
    // turns the glue's 'Module terminated' (its flag set out of wbhost's
    // sight) into the abort it is. Returns what to throw; a WasmAbortError
    // is marked as reaching the program (one that never does, out of a
    // cleanup or a microtask the glue queued, had no caller: errors.js).
    afterThrow(e) {
      const out = this.passThrow(e);
      if (typeof out === 'object' && out instanceof WasmAbortError) markDelivered(out);
      return out;
    }

    passThrow(e) {
      const pending = this.pendingAbort;
      if (pending !== undefined) {
        if (pending.inImport === 0) this.settle();
        return e;
      }
      const gen = this.current;
      if (gen === undefined || gen.dead || gen.abort !== undefined ||
          !gen.terminatedFlagSet()) {
        return e;
      }
      this.settle(e);
      return gen.abort !== undefined && gen.abort.cause === e ? gen.abort.error : e;
    }

    // Finishes an abort begun in leftWasm (see the comment at the top).
    // With none pending, looks whether the glue declared the live
    // generation dead (its flag) with `cause` or without an exception
    // passing wbhost.
    settle(cause) {
      let gen = this.pendingAbort;
      if (gen === undefined) {
        gen = this.current;
        if (gen === undefined || gen.dead || !gen.terminatedFlagSet()) return;
        this.beginAbort(gen, 'terminated', cause || new Error('Module terminated'));
      }
      this.pendingAbort = undefined;
      if (gen.dead) return;
      if (gen.abort === undefined) {
        // 'maybe': did the glue declare the instance dead?
        if (!gen.terminatedFlagSet()) {
          if (gen === this.current) this.facade.adopt(gen);
          return;
        }
        this.beginAbort(gen, gen.crossing !== undefined ? 'js-exception' : 'terminated',
                        gen.crossing);
        this.pendingAbort = undefined;
      }
      const { kind, cause: original, error, started } = gen.abort;
      this.stats.aborts++;
      const pages = gen.memory ? gen.memory.buffer.byteLength / PAGE : undefined;
      gen.kill(error);
      this.memories.retire(gen);
      this.state = 'aborted';
      if (this.current === gen) this.current = undefined;
      // Calls in between throw this error; with a standby ready there is no
      // in between (recreate adopts it at once).
      if (!this.standby.ready) this.facade.unavailable(error);
      if (this.listeners.size) {
        this.notify({ kind, error: original, generation: gen.number, abortError: error });
      }
      this.recreate();
      const restored = this.current !== undefined ? this.current.restoredFrom : undefined;
      error.restoredFrom = restored !== undefined ? restored.describe() : null;
      if (this.options.trace) {
        this.trace(`abort binding=${this.name} kind=${kind} generation=${gen.number}` +
                   `${pages !== undefined ? ` pages=${pages}` : ''} ` +
                   `recovered=${this.state === 'live' ? this.generation : 'no'} ` +
                   `via=${this.recreatedVia} ` +
                   `restored=${restored !== undefined ? 'checkpoint' : 'initial'} ` +
                   `ms=${(natives.now() - started).toFixed(3)}`);
      }
    }

    notify(event) {
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (e) {
          natives.reportError(e);
        }
      }
    }

    // Promises of a generation reject with its WasmAbortError when it dies.
    track(gen, promise) {
      if (gen === undefined) return promise;
      return new Promise((resolve, reject) => {
        gen.pending.add(reject);
        promise.then(
            (value) => {
              gen.pending.delete(reject);
              resolve(value);
            },
            (error) => {
              gen.pending.delete(reject);
              reject(gen.dead ? gen.abortError : error);
            });
      });
    }

    // --- Generations.

    // `gen` has its instance (bindings/js/package.js instanceFor). The
    // first generation of glue with an init function goes live now, in the
    // middle of the program's init call.
    instantiated(gen) {
      if (this.generation === 0 && this.options.trace) {
        this.trace(`instantiate binding=${this.name} generation=1 wasm=${this.pkg.moduleSource}`);
      }
      if (!gen.installOnInstance) return;
      gen.installOnInstance = false;
      this.pkg.learnInit(gen);
      gen.ready = true;
      this.install(gen);
      this.standby.prepare();
    }

    // What the program's first init call waits for once the glue's own
    // init settled: glue that can only start asynchronously recovers by
    // swapping in a standby, so one is ready before the program's first
    // call (a failure to make one shows at the first abort instead).
    afterFirstInit() {
      if (!this.pkg.asyncOnly || this.current === undefined || this.standby.gen) return RESOLVED;
      return this.standby.make().then(() => {}, () => {});
    }

    // Makes the next generation: the standby if one is ready (made from
    // the same checkpoint, if any), else a new one from the compiled module,
    // restored from the checkpoint if there is one. Bounded tries; never
    // loops.
    recreate() {
      const checkpoint = this.checkpoints.forNewGeneration();
      const spare = this.standby.take(checkpoint);
      if (spare !== undefined) {
        this.recreatedVia = 'standby';
        this.install(spare);
        this.standby.prepare();
        return;
      }
      this.recreatedVia = 'instantiate';
      let lastError;
      for (let attempt = 0; attempt < MAX_RECREATE_TRIES; attempt++) {
        const gen = new Generation(this, this.generation + 1);
        gen.restoring = checkpoint;
        try {
          this.pkg.makeGeneration(this, gen);
          if (!gen.ready) {
            // Glue with only an asynchronous init: live once it settles.
            this.state = 'recovering';
            this.awaitGeneration(gen);
            return;
          }
          if (checkpoint !== undefined) checkpoint.apply(gen);
          this.install(gen);
          this.standby.prepare();
          return;
        } catch (e) {
          lastError = e;
          gen.kill(undefined);
        }
      }
      this.fail(lastError);
    }

    fail(cause) {
      this.state = 'failed';
      this.failure = new WasmAbortError(
          `${this.name}: could not recreate the instance after ` +
          `${MAX_RECREATE_TRIES} tries (${cause && cause.message})`,
          { kind: 'recovery-failed', cause, generation: this.generation,
            binding: this.name });
      this.facade.unavailable(this.failure);
      this.trace(`recovery-failed binding=${this.name} tries=${MAX_RECREATE_TRIES}`);
    }

    awaitGeneration(gen) {
      gen.readyPromise.then(() => {
        if (gen.dead || this.current !== undefined) return;
        if (gen.restoring !== undefined) gen.restoring.apply(gen);
        this.install(gen);
        this.standby.prepare();
      }, (e) => this.fail(e));
    }

    install(gen) {
      if (this.generation > 0 && ++this.recoveriesSinceHeapCheck >= RECOVERIES_PER_HEAP_CHECK) {
        this.recoveriesSinceHeapCheck = 0;
        natives.reduceHeapIfGrown();
      }
      gen.number = this.generation + 1;
      this.generation = gen.number;
      this.current = gen;
      this.checkpoints.started(gen);
      this.state = 'live';
      this.failure = undefined;
      this.facade.adopt(gen);
    }

    // wasm-bindgen's reset-state: a fresh generation now, on request.
    reset() {
      if (this.generation === 0) {
        throw new Error(`${this.name}: reset() called before its glue was initialised`);
      }
      this.settle();
      const old = this.current;
      if (old && old.inImport > 0) {
        throw new Error(`${this.name}: reset() called while a call into it is on the stack`);
      }
      this.stats.resets++;
      // A fresh start: the checkpoint is of the past.
      this.checkpoints.clear();
      this.replace(old, 'reset');
      this.trace(`reset binding=${this.name} generation=${this.generation}`);
      this.startedFresh();
    }

    // The checkpoint's state again, on request: objects made since refuse.
    // Counted with the resets.
    rollback() {
      const checkpoint = this.checkpoints.current;
      if (checkpoint === undefined) throw new Error(`${this.name}: rollback() with no checkpoint`);
      this.settle();
      const old = this.current;
      if (old && old.inImport > 0) {
        throw new Error(`${this.name}: rollback() called while a call into it is on the stack`);
      }
      this.stats.resets++;
      this.replace(old, 'rollback');
      this.trace(`rollback binding=${this.name} generation=${this.generation} ` +
                 `restored=checkpoint`);
    }

    // Ends `old` (for `why`: 'reset', 'rollback') and makes the next.
    replace(old, why) {
      if (old) {
        old.kill(new WasmAbortError(`${this.name} generation ${old.number} was ` +
                                    (why === 'reset' ? 'reset' : 'rolled back'),
                                    { kind: why, generation: old.number, binding: this.name }));
        this.current = undefined;
        this.memories.retire(old);
      }
      this.standby.dropIfOutdated();
      this.recreate();
    }

    // A generation made from scratch is live and started: under
    // --checkpoint=after-start, its state is the checkpoint.
    startedFresh() {
      if (this.checkpoints.afterStart && this.checkpoints.current === undefined &&
          this.current !== undefined) {
        this.checkpoints.take();
      }
    }

    classForExport(name) {
      for (const [prefix, className] of this.classPrefixes) {
        if (name.startsWith(prefix)) return className;
      }
      return undefined;
    }

    trace(line) {
      if (this.options.trace) natives.trace(`wbhost: recovery: ${line}`);
    }
  }

  return { Binding };
})
