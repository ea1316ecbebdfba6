// A binding's spare generation (--standby, or glue that can only start
// asynchronously, which recovers by swapping one in): built off the
// failing call's path, in a macrotask after start-up and after each
// recovery, from the binding's checkpoint if it has one, so that a
// recovery is a swap. Whatever of a recovery can be made before the abort
// is made with it: the checkpoint's state put in, the facade's links, the
// export wrappers, the WasmAbortError.
(function (natives, require) {
  'use strict';
  const { Generation } = require('recovery_generation');
  const { blankAbortError } = require('recovery_errors');

  class Standby {
    constructor(binding) {
      this.binding = binding;
      this.gen = undefined;
    }

    // Whether one is ready to be swapped in.
    get ready() {
      return this.gen !== undefined && this.gen.ready;
    }

    // The spare, taken, if it is ready and made from `checkpoint`; else
    // undefined (one of no use is discarded).
    take(checkpoint) {
      const gen = this.gen;
      this.gen = undefined;
      if (gen && !gen.dead && gen.ready && gen.restoring === checkpoint) return gen;
      if (gen) this.discard(gen);
      return undefined;
    }

    // Made in a macrotask, if the binding keeps one.
    prepare() {
      const binding = this.binding;
      if (!(binding.options.standby || binding.pkg.asyncOnly)) return;
      natives.postTask(() => {
        this.make().then(() => {}, () => {});
      });
    }

    // Builds it now; resolves once it is ready.
    make() {
      const binding = this.binding;
      if (this.gen || binding.state !== 'live') return Promise.resolve();
      const gen = new Generation(binding, 0);
      gen.restoring = binding.checkpoints.forNewGeneration();
      try {
        binding.pkg.makeGeneration(binding, gen);
      } catch (e) {
        gen.kill(undefined);
        return Promise.reject(e);
      }
      this.gen = gen;
      // Everything a first call would do lazily is done now, off the
      // failing call's path: the checkpoint's state put in, the facade's
      // links and the export wrappers.
      const ready = () => {
        if (gen.restoring !== undefined) gen.restoring.apply(gen);
        binding.facade.prepare(gen);
        gen.wrapUsedExports();
        gen.spareError = blankAbortError();
      };
      if (gen.ready) {
        ready();
        return Promise.resolve();
      }
      return gen.readyPromise.then(ready, (e) => {
        if (this.gen === gen) this.gen = undefined;
        gen.kill(undefined);
        throw e;
      });
    }

    // One made from another checkpoint (or none) than the binding has now
    // is of no use: dropped.
    dropIfOutdated() {
      if (this.gen === undefined || this.gen.restoring === this.binding.checkpoints.current) {
        return false;
      }
      this.discard(this.gen);
      this.gen = undefined;
      return true;
    }

    // The same, and made again.
    renewIfOutdated() {
      if (this.dropIfOutdated()) this.prepare();
    }

    // A spare no longer of use never ran: its memory serves the next.
    discard(gen) {
      gen.kill(undefined);
      this.binding.memories.retire(gen, true);
    }
  }

  return { Standby };
})
