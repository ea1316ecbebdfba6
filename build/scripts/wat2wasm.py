#!/usr/bin/env python3
"""Runs wabt's wat2wasm with every proposal V8 10.2 supports enabled.

Usage: wat2wasm.py IN.wat OUT.wasm
"""
import os
import subprocess
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
    cmd = ['wat2wasm', '--enable-exceptions', '--enable-threads', src, '-o', out]
    sys.exit(subprocess.call(cmd))


if __name__ == '__main__':
    main()
