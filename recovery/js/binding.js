// A binding: one wasm-bindgen package as the program sees it, across all
// its generations. It owns the recovery mechanics: the boundary on every
// call (recovery/js/boundary.js decides the kind), poisoning a generation,
// listeners, making the next generation from the already compiled module,
// stats and --trace-recovery lines.
(function (natives, require) {
  'use strict';
  const { Generation } = require('recovery_generation');
  const { classify, isPanic } = require('recovery_boundary');
  const { WasmAbortError } = require('recovery_errors');

  // A recovery whose new generation fails to start (its start function
  // traps, say) is retried this often, then the binding gives up.
  const MAX_RECREATE_TRIES = 3;

  class Binding {
    // pkg: { name, target, module, maxPages, makeGeneration(binding, gen) }
    constructor(pkg, options) {
      this.pkg = pkg;
      this.name = pkg.name;
      this.options = options;
      this.current = undefined;
      this.generation = 0;
      this.state = 'live';
      this.depth = 0;
      this.stats = { calls: 0, panics: 0, aborts: 0, resets: 0 };
      this.listeners = new Set();
      this.pendingAbort = undefined;
      this.standby = undefined;
      this.extraUnwindTags = [];
      this.classPrefixes = [];   // [export-name prefix, class name]
      this.facade = undefined;
      this.failure = undefined;
    }

    // --- The call path (kept small: see recovery/js/wrappers.js).

    enter() {
      if (this.pendingAbort !== undefined) this.settleOutside();
      const gen = this.current;
      if (gen === undefined || gen.dead) return this.unavailable();
      this.depth++;
      this.stats.calls++;
      gen.raw = undefined;
      gen.crossing = undefined;
      return gen;
    }

    enterGeneration(gen) {
      if (this.pendingAbort !== undefined) this.settleOutside();
      this.depth++;
      this.stats.calls++;
      gen.raw = undefined;
      gen.crossing = undefined;
    }

    unavailable() {
      if (this.failure) throw this.failure;
      if (this.generation === 0) {
        throw new Error(`${this.name}: not initialised; call its init() or ` +
                        'initSync() first');
      }
      throw new WasmAbortError(`${this.name} has no live instance (recovering)`,
                               { kind: 'unavailable', generation: this.generation,
                                 binding: this.name });
    }

    // What to throw to the caller for exception `e` leaving a call into
    // generation `gen`.
    boundary(gen, e) {
      if (gen.dead) {
        // It died during this call (an inner, reentrant call aborted):
        // the outer caller gets that same abort; no second recovery.
        return gen.abortError || e;
      }
      const raw = gen.raw;
      gen.raw = undefined;
      const kind = classify(raw, e, gen, this.options.strict);
      if (kind === 'unwind') {
        this.stats.panics++;
        this.trace(`unwind binding=${this.name} generation=${gen.number}`);
        return e;
      }
      if (kind === 'ordinary') return e;
      return this.abort(gen, kind, raw === undefined ? e : raw);
    }

    // A Wasm exception left the instance with no binding call on the stack
    // (a closure, a timer, a finalizer): settled on the next call or in a
    // microtask, whichever comes first, after the glue's own handling.
    deferOutside(gen, e) {
      if (this.pendingAbort !== undefined) return;
      this.pendingAbort = { gen, e };
      queueMicrotask(() => this.settleOutside());
    }

    settleOutside() {
      const pending = this.pendingAbort;
      if (pending === undefined) return;
      this.pendingAbort = undefined;
      const { gen, e } = pending;
      if (gen.dead) return;
      const kind = classify(e, e, gen, this.options.strict);
      if (kind === 'unwind') {
        this.stats.panics++;
        return;
      }
      if (kind === 'ordinary') return;
      this.abort(gen, kind, e);
    }

    // Promises of a generation reject with its WasmAbortError when it dies.
    track(gen, promise) {
      return new Promise((resolve, reject) => {
        gen.pending.add(reject);
        promise.then(
            (value) => {
              gen.pending.delete(reject);
              resolve(value);
            },
            (error) => {
              gen.pending.delete(reject);
              if (gen.dead) {
                reject(gen.abortError);
                return;
              }
              reject(error);
            });
      });
    }

    // --- Aborts and recovery.

    abort(gen, kind, cause) {
      const started = natives.now();
      this.stats.aborts++;
      const error = new WasmAbortError(
          `${this.name} aborted (${kind}) in generation ${gen.number}; ` +
          'the instance was recreated',
          { kind, cause, generation: gen.number, binding: this.name });
      gen.kill(error);
      this.state = 'aborted';
      if (this.current === gen) this.current = undefined;
      this.notify({ kind, error: cause, generation: gen.number, abortError: error });
      this.recreate();
      this.trace(`abort binding=${this.name} kind=${kind} generation=${gen.number} ` +
                 `recovered=${this.state === 'live' ? this.generation : 'no'} ` +
                 `ms=${(natives.now() - started).toFixed(3)}`);
      return error;
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

    // Makes the next generation: the standby if one is ready, else a new
    // one from the compiled module. Bounded tries; never loops.
    recreate() {
      if (this.standby && !this.standby.dead && this.standby.ready) {
        this.install(this.standby);
        this.standby = undefined;
        this.prepareStandby();
        return true;
      }
      let lastError;
      for (let attempt = 0; attempt < MAX_RECREATE_TRIES; attempt++) {
        const gen = new Generation(this, this.generation + 1);
        try {
          this.pkg.makeGeneration(this, gen);
          if (!gen.ready) {
            // Glue with only an asynchronous init: it becomes live when its
            // init settles (see makeGeneration).
            this.awaitGeneration(gen);
            return false;
          }
          this.install(gen);
          this.prepareStandby();
          return true;
        } catch (e) {
          lastError = e;
          gen.kill(undefined);
        }
      }
      this.state = 'failed';
      this.failure = new WasmAbortError(
          `${this.name}: could not recreate the instance after ` +
          `${MAX_RECREATE_TRIES} tries (${lastError && lastError.message})`,
          { kind: 'recovery-failed', cause: lastError, generation: this.generation,
            binding: this.name });
      this.trace(`recovery-failed binding=${this.name} tries=${MAX_RECREATE_TRIES}`);
      return false;
    }

    awaitGeneration(gen) {
      gen.readyPromise.then(() => {
        if (gen.dead) return;
        this.install(gen);
        this.prepareStandby();
      }, (e) => {
        this.state = 'failed';
        this.failure = new WasmAbortError(`${this.name}: could not recreate the instance`,
                                          { kind: 'recovery-failed', cause: e,
                                            generation: this.generation, binding: this.name });
      });
    }

    install(gen) {
      gen.number = this.generation + 1;
      this.generation = gen.number;
      this.current = gen;
      this.state = 'live';
      this.failure = undefined;
      this.facade.adopt(gen);
    }

    // A spare generation, built off the failing call's path (a macrotask
    // after start-up and after each recovery), with --standby or when the
    // glue can only be initialised asynchronously.
    prepareStandby() {
      if (!(this.options.standby || this.pkg.asyncOnly)) return;
      natives.postTask(() => {
        if (this.standby || this.state !== 'live') return;
        const gen = new Generation(this, 0);
        try {
          this.pkg.makeGeneration(this, gen);
          this.standby = gen;
          if (!gen.ready) {
            gen.readyPromise.then(() => {}, () => {
              if (this.standby === gen) this.standby = undefined;
            });
          }
        } catch (e) {
          gen.kill(undefined);
        }
      });
    }

    // wasm-bindgen's reset-state: a fresh generation now, on request.
    reset() {
      if (this.depth > 0 || (this.current && this.current.active > 0)) {
        throw new Error(`${this.name}: reset() called while a call into it is on the stack`);
      }
      const old = this.current;
      this.stats.resets++;
      if (old) {
        old.kill(new WasmAbortError(`${this.name} generation ${old.number} was reset`,
                                    { kind: 'reset', generation: old.number,
                                      binding: this.name }));
        this.current = undefined;
      }
      if (this.standby) {
        this.standby.kill(undefined);
        this.standby = undefined;
      }
      this.recreate();
      this.trace(`reset binding=${this.name} generation=${this.generation}`);
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

  Binding.isPanic = isPanic;
  return { Binding };
})
