// The project's own sta.js: Test262Error and $DONOTEVALUATE, with the API
// test262's harness defines (written here; see js-tests/README.md).
function Test262Error(message) {
  this.message = message || '';
}
Test262Error.prototype.toString = function () {
  return 'Test262Error: ' + this.message;
};
Test262Error.thrower = function (message) {
  throw new Test262Error(message);
};
function $DONOTEVALUATE() {
  throw 'Test262: This statement should not be evaluated.';
}
