#!/usr/bin/env python3
"""A legacy exception handling .wasm made into modern exception handling
(try_table, throw_ref, exnref) by binaryen's --translate-to-exnref, the npm
`binaryen` tools/setup installs: the modern twins of the test modules, for
the tests that must behave exactly as with the legacy originals.

Usage: to_exnref.py IN.wasm OUT.wasm
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WASM_OPT = os.path.join(ROOT, 'third_party', 'npm', 'node_modules', '.bin', 'wasm-opt')
# What V8 10.2 has, and exception handling: binaryen then writes nothing else.
FEATURES = ['--enable-exception-handling', '--enable-reference-types', '--enable-bulk-memory',
            '--enable-bulk-memory-opt', '--enable-mutable-globals', '--enable-sign-ext',
            '--enable-nontrapping-float-to-int', '--enable-simd', '--enable-threads',
            '--enable-multivalue', '--enable-tail-call']


def main():
    src, out = sys.argv[1], sys.argv[2]
    if not os.path.exists(WASM_OPT):
        sys.exit(f'to_exnref.py: {WASM_OPT} is missing: run tools/setup')
    os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
    sys.exit(subprocess.call([WASM_OPT, src] + FEATURES + ['--translate-to-exnref', '-o', out]))


if __name__ == '__main__':
    main()
