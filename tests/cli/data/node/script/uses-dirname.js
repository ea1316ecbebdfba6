// A .js file outside a "type": "commonjs" package stays a d8 script; one
// that reaches for CommonJS's scope gets a hint.
print(this === globalThis, typeof module, typeof exports, typeof require);
print(__dirname);
