// Glue in the shape of wasm-bindgen's bundler target: the .wasm is imported
// as an ES module (it imports ./demo_bg.js), and handed to the _bg.js.
import * as wasm from "./demo_bg.wasm";
export * from "./demo_bg.js";
import { __wbg_set_wasm } from "./demo_bg.js";
__wbg_set_wasm(wasm);
