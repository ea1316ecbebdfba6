#!/usr/bin/env python3
"""Runs wabt's wat2wasm with every proposal V8 10.2 supports enabled.

A `.modern.wat` uses modern exception handling (try_table, throw_ref,
exnref), which Debian's wabt cannot read: the npm wabt tools/setup installs
assembles it.

Usage: wat2wasm.py IN.wat OUT.wasm
"""
import os
import subprocess
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
    tool = 'wat2wasm'
    if src.endswith('.modern.wat'):
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        tool = os.path.join(root, 'third_party', 'npm', 'node_modules', '.bin', 'wat2wasm')
    cmd = [tool, '--enable-exceptions', '--enable-threads', src, '-o', out]
    sys.exit(subprocess.call(cmd))


if __name__ == '__main__':
    main()
