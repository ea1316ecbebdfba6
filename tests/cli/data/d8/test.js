// A V8-style test: the harness's functions, a helper loaded with
// d8.file.execute, and d8's `arguments`.
d8.file.execute('tests/cli/data/d8/helper.js');
assertEquals(42, helperValue(), 'helper');
assertEquals(true, harnessLoaded, 'harness');
print('arguments', JSON.stringify(arguments));
setTimeout(() => print('timer after the files'), 0);
