// Checkpoints: the complete state of a binding's instance at rest, taken
// while no Wasm frame of the binding is on the stack, and put into a fresh
// generation (restore on abort, rollback, a standby made ahead).
//
// What an instance's state is: every memory (contents and size), every
// mutable global, every table, including those the module does not export
// (the load-time rewrite exports them as __wbhost_*: bindings/wasm/
// state_exports.h), and what the glue keeps in JS that Wasm refers to by
// index (the heap slab of glue without reference types: its `heap`, its
// free list `heap_next`, `stack_pointer`). funcref table entries are kept
// as function indices and mapped to the new instance's functions.
//
// Objects: every object the glue makes is given the binding's current
// epoch (its FinalizationRegistry registration, or the facade's
// constructor). A checkpoint covers the epochs of its generation up to the
// moment it was taken, and those its generation's own source covered: an
// object is valid in a restored generation exactly when its epoch is
// covered, and is then served by that generation.
(function (natives, require) {
  'use strict';
  const PAGE = 65536;
  const RealFinalizationRegistry = globalThis.FinalizationRegistry;

  // The FinalizationRegistry a binding's glue sees: each object registered
  // is given the binding's epoch at that moment.
  // It also remembers, per generation, the registries its glue made (in
  // order: each evaluation makes the same ones) and with which each object
  // was registered, so that an object a checkpoint restored is finalised by
  // the generation it moved to.
  function epochRegistry(checkpoints) {
    if (typeof RealFinalizationRegistry !== 'function') return undefined;
    const epochs = checkpoints.epochs;
    const registrations = checkpoints.registrations;
    return class FinalizationRegistry extends RealFinalizationRegistry {
      constructor(cleanup) {
        super(cleanup);
        const gen = checkpoints.evaluating;
        if (gen !== undefined) {
          this.index = gen.registries.length;
          gen.registries.push(this);
        }
      }
      register(target, held, token) {
        if ((typeof target === 'object' || typeof target === 'function') && target !== null) {
          epochs.set(target, checkpoints.epoch);
          if (this.index !== undefined) {
            registrations.set(target, { registry: this, held, token });
          }
        }
        return token === undefined ? super.register(target, held) : super.register(target, held, token);
      }
    };
  }

  // Globals and tables are read and written through the JS API's
  // prototypes: an exnref one refuses JS through its own properties
  // (host/wasm/exnref.js), yet what it holds is the instance's state.
  function valueAccessor() {
    return Object.getOwnPropertyDescriptor(WebAssembly.Global.prototype, 'value');
  }
  const tableMethod = (name) => WebAssembly.Table.prototype[name];

  // Whether a table holds funcref (only Wasm functions go in) or externref.
  function holdsFunctions(table) {
    try {
      Reflect.apply(tableMethod('grow'), table, [0, {}]);
      return false;
    } catch (e) {
      return true;
    }
  }

  function isMutable(global) {
    const { get, set } = valueAccessor();
    try {
      Reflect.apply(set, global, [Reflect.apply(get, global, [])]);
      return true;
    } catch (e) {
      return false;  // immutable, or a v128 JS cannot read
    }
  }

  // What the exnref translation adds (host/wasm/exnref.js): each
  // instance's own, filled when it is made; never a checkpoint's.
  function translations(name) {
    return require('wasm_exnref').hidden(name);
  }

  const opaqueGlobals = () => require('recovery_opaque_globals');

  let nextId = 1;

  class Checkpoint {
    // gen: the live generation, at rest. previous: the checkpoint this
    // replaces, whose buffers are reused when the sizes match.
    constructor(checkpoints, gen, previous) {
      const started = natives.now();
      const raw = gen.instance.exports;
      this.id = nextId++;
      this.generation = gen.number;
      // The epochs this checkpoint covers, as [first, last] pairs: its
      // generation's so far, and whatever that generation was restored
      // from covers. Numbers only: an older checkpoint (and its copy of the
      // memory) is not kept alive by a newer one.
      const inherited = gen.restoredFrom !== undefined ? gen.restoredFrom.ranges : [];
      this.ranges = inherited.concat([gen.firstEpoch, checkpoints.epoch]);
      this.memories = [];
      this.globals = [];
      this.opaqueGlobals = [];
      this.tables = [];
      let bytes = 0;
      const layout = checkpoints.layoutOf(raw);
      for (const name of layout.memories) {
        const view = new Uint8Array(raw[name].buffer);
        const old = previous && previous.memories.find((m) => m.name === name);
        const copy = checkpoints.imageFor(view.byteLength, old && old.bytes);
        copy.set(view);
        this.memories.push({ name, bytes: copy });
        bytes += copy.byteLength;
      }
      const read = valueAccessor().get;
      for (const name of layout.globals) {
        this.globals.push({ name, value: Reflect.apply(read, raw[name], []) });
      }
      for (const name of layout.opaqueGlobals) {
        this.opaqueGlobals.push({ name, held: opaqueGlobals().save(raw[name]) });
      }
      const get = tableMethod('get');
      for (const { name, functions } of layout.tables) {
        const table = raw[name];
        const entries = new Array(table.length);
        for (let i = 0; i < entries.length; i++) {
          const entry = Reflect.apply(get, table, [i]);
          // A function by its index in the module (its name, per the JS API).
          entries[i] = functions && entry !== null ? Number(entry.name) : entry;
        }
        this.tables.push({ name, functions, entries });
      }
      this.glue = gen.glueState ? gen.glueState() : undefined;
      this.bytes = bytes;
      this.ms = natives.now() - started;
      this.restoreMs = undefined;  // how long the last restore from it took
    }

    // The size of its one memory, in pages; -1 unless it has exactly one
    // (as every module whose memory wbhost gives has).
    memoryPages() {
      return this.memories.length === 1 ? this.memories[0].bytes.byteLength / PAGE : -1;
    }

    // What checkpoint() returns and WasmAbortError.restoredFrom says.
    // Made on the failing call's path: rounded by arithmetic, not by
    // formatting and parsing a string.
    describe() {
      return { id: this.id, generation: this.generation, bytes: this.bytes,
               ms: Math.round(this.ms * 1000) / 1000,
               restoreMs: this.restoreMs === undefined ? null
                                                       : Math.round(this.restoreMs * 1000) / 1000 };
    }

    // Whether an object of `epoch` was valid when this was taken.
    covers(epoch) {
      const ranges = this.ranges;
      for (let i = 0; i < ranges.length; i += 2) {
        if (epoch >= ranges[i] && epoch <= ranges[i + 1]) return true;
      }
      return false;
    }

    // Puts this state into `gen`, a fresh generation whose glue has
    // initialised it (without running the start function).
    apply(gen) {
      const started = natives.now();
      const checkpoints = gen.binding.checkpoints;
      const raw = gen.instance.exports;
      for (const { name, bytes } of this.memories) {
        const memory = raw[name];
        const pages = bytes.byteLength / PAGE;
        const current = memory.buffer.byteLength / PAGE;
        if (pages > current) memory.grow(pages - current);
        // Mapped copy-on-write where the image allows (recovery/
        // memory_image.h), else copied.
        if (checkpoints.mapImage(bytes, memory)) continue;
        new Uint8Array(memory.buffer).set(bytes);
      }
      const write = valueAccessor().set;
      for (const { name, value } of this.globals) Reflect.apply(write, raw[name], [value]);
      for (const { name, held } of this.opaqueGlobals) opaqueGlobals().restore(held, raw[name]);
      // The new instance's functions, by index, before any table changes.
      const byIndex = this.tables.some((t) => t.functions) ? functionsByIndex(raw) : undefined;
      const [grow, set] = [tableMethod('grow'), tableMethod('set')];
      for (const { name, functions, entries } of this.tables) {
        const table = raw[name];
        if (entries.length > table.length) {
          Reflect.apply(grow, table, [entries.length - table.length]);
        }
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          const value = functions ? (entry === null ? null : (byIndex.get(entry) || null)) : entry;
          Reflect.apply(set, table, [i, value]);
        }
      }
      if (this.glue !== undefined && gen.glueState) gen.glueState(this.glue);
      gen.restoredFrom = this;
      this.restoreMs = natives.now() - started;
    }
  }

  // Function index -> function of the instance, from its funcref tables
  // and exported functions.
  function functionsByIndex(raw) {
    const map = new Map();
    const get = tableMethod('get');
    for (const name of Object.keys(raw)) {
      const value = raw[name];
      if (translations(name)) continue;  // functions of another module
      if (typeof value === 'function') {
        map.set(Number(value.name), value);
      } else if (value instanceof WebAssembly.Table && holdsFunctions(value)) {
        for (let i = 0; i < value.length; i++) {
          const fn = Reflect.apply(get, value, [i]);
          if (fn !== null) map.set(Number(fn.name), fn);
        }
      }
    }
    return map;
  }

  // A binding's checkpoints: the one it has, the epochs of its objects,
  // and the policy of taking one after start (--checkpoint=after-start).
  class Checkpoints {
    constructor(binding, options) {
      this.binding = binding;
      this.current = undefined;
      this.epoch = 1;
      this.epochs = new WeakMap();  // object -> epoch it was made in
      this.afterStart = options.checkpoint === 'after-start';
      this.registry = undefined;
      // object -> {registry, held, token} of its glue's registration; the
      // generation whose glue is being evaluated.
      this.registrations = new WeakMap();
      this.evaluating = undefined;
      this.layout = undefined;
      // Images a restore has mapped into a memory (which may map them
      // still), and the image of the checkpoint before the current one.
      this.mapped = new WeakSet();
      this.mappedInto = new WeakMap();  // memory -> the image mapped over it
      this.spareImage = undefined;
    }

    // Where a checkpoint copies a memory of `length` bytes: an image (a
    // buffer a restore can map: recovery/memory_image.h) when the system
    // gives one, else a plain buffer. The replaced checkpoint's is reused
    // when no memory maps it (a generation restored from it would see the
    // new bytes); it is then kept as the spare, for the checkpoint after.
    imageFor(length, previous) {
      const usable = (image) => image !== undefined && image.byteLength === length &&
          !(this.mapped.has(image) && natives.imageInUse(image.buffer));
      let image;
      if (usable(previous)) {
        image = previous;
      } else if (usable(this.spareImage)) {
        image = this.spareImage;
        this.spareImage = previous;
      } else {
        const buffer = length > 0 ? natives.imageBuffer(length) : undefined;
        image = buffer !== undefined ? new Uint8Array(buffer) : new Uint8Array(length);
        if (previous !== undefined) this.spareImage = previous;
      }
      this.mapped.delete(image);
      return image;
    }

    // Puts `image` into `memory` by mapping it; false if it cannot be.
    // A memory the pool gave back (memory_pool.js) that maps this image
    // still gets only its written pages back (recovery/memory_image.h).
    mapImage(image, memory) {
      const again = this.mappedInto.get(memory) === image &&
          memory.buffer.byteLength === image.byteLength;
      this.mappedInto.delete(memory);
      if (!natives.mapImage(image.buffer, memory.buffer, again)) return false;
      this.mapped.add(image);
      this.mappedInto.set(memory, image);
      return true;
    }

    // Runs `evaluate` (a generation's glue evaluation) noting the
    // registries it makes as `gen`'s.
    evaluation(gen, evaluate) {
      const outer = this.evaluating;
      this.evaluating = gen;
      try {
        return evaluate();
      } finally {
        this.evaluating = outer;
      }
    }

    // `object` moved to generation `gen`: its glue's finalisation too.
    moveRegistration(object, gen) {
      const old = this.registrations.get(object);
      if (old === undefined) return;
      const registry = gen.registries[old.registry.index];
      if (registry === undefined || registry === old.registry) return;
      const token = old.token === undefined ? undefined : object;
      if (token !== undefined) old.registry.unregister(token);
      // The real register: the object keeps its epoch.
      Reflect.apply(RealFinalizationRegistry.prototype.register, registry,
                    token === undefined ? [object, old.held] : [object, old.held, token]);
      this.registrations.set(object, { registry, held: old.held, token: old.token });
    }

    // The FinalizationRegistry the binding's glue sees (epochs its objects).
    registryClass() {
      if (this.registry === undefined) this.registry = epochRegistry(this) || null;
      return this.registry || undefined;
    }

    mark(object) {
      this.epochs.set(object, this.epoch);
    }

    // What of an instance's exports a checkpoint saves: the same for every
    // generation (one module), found once. Mutability and a table's element
    // type are not in V8 10.2's JS API: they are tried.
    layoutOf(raw) {
      if (this.layout !== undefined) return this.layout;
      const layout = { memories: [], globals: [], opaqueGlobals: [], tables: [] };
      for (const name of Object.keys(raw)) {
        if (translations(name)) continue;
        const value = raw[name];
        if (value instanceof WebAssembly.Memory) {
          layout.memories.push(name);
        } else if (value instanceof WebAssembly.Global) {
          if (isMutable(value)) {
            layout.globals.push(name);
          } else if (opaqueGlobals().isOpaque(value)) {
            layout.opaqueGlobals.push(name);
          }
        } else if (value instanceof WebAssembly.Table) {
          layout.tables.push({ name, functions: holdsFunctions(value) });
        }
      }
      this.layout = layout;
      return layout;
    }

    // A generation goes live: its objects' epochs start here.
    started(gen) {
      gen.firstEpoch = ++this.epoch;
    }

    take() {
      const binding = this.binding;
      binding.settle();
      const gen = binding.current;
      const refusal = this.refusal(gen);
      if (refusal) throw new Error(`${binding.name}: cannot take a checkpoint: ${refusal}`);
      const checkpoint = new Checkpoint(this, gen, this.current);
      this.epoch++;
      this.current = checkpoint;
      binding.standby.renewIfOutdated();
      binding.trace(`checkpoint binding=${binding.name} generation=${gen.number} ` +
                    `bytes=${checkpoint.bytes} ms=${checkpoint.ms.toFixed(3)}`);
      return checkpoint.describe();
    }

    // Why no checkpoint can be taken of `gen` now, if not.
    refusal(gen) {
      const binding = this.binding;
      if (binding.state === 'failed') return 'the binding has failed (reset() it first)';
      if (gen === undefined) return 'it has no live instance (initialise it first)';
      if (gen.inImport > 0) {
        return 'a call into it is on the stack (take it outside the callbacks its Wasm makes)';
      }
      if (binding.pkg.moduleSource && binding.pkg.moduleSource.endsWith('by the program')) {
        return 'its module was compiled by the program, so its internal state cannot be read ' +
               '(give the glue the bytes instead of a WebAssembly.Module)';
      }
      if (gen.keepsHeapSlab && !(gen.glueState && gen.glueState().heap)) {
        return 'its glue keeps JS values by index where wbhost cannot reach them';
      }
      return undefined;
    }

    drop() {
      if (this.current === undefined) return;
      this.clear();
      this.binding.standby.renewIfOutdated();
    }

    // No checkpoint, and no memory kept for one.
    clear() {
      this.current = undefined;
      this.spareImage = undefined;
    }

    // The checkpoint a new generation starts from, if any.
    forNewGeneration() {
      return this.current;
    }

    // The live generation's prototype for `className`, when `object` (of a
    // dead generation) was valid at the checkpoint the live one started
    // from: it is the live one's now.
    servingPrototype(object, className) {
      const live = this.binding.current;
      if (live === undefined || live.restoredFrom === undefined || !live.classMap) return undefined;
      const epoch = this.epochs.get(object);
      if (epoch === undefined || !live.restoredFrom.covers(epoch)) return undefined;
      const cls = live.classMap.get(className);
      if (cls === undefined) return undefined;
      this.moveRegistration(object, live);
      return cls.prototype;
    }
  }

  return { Checkpoint, Checkpoints };
})
