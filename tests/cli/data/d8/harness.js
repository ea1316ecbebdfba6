// A V8-style harness (as mjsunit.js is): the test file after it uses its
// functions, in the same global scope.
function assertEquals(expected, found, name) {
  if (expected !== found) throw new Error(`Fail: ${name}: expected <${expected}> found <${found}>`);
}
var harnessLoaded = true;
