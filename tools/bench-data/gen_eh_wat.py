#!/usr/bin/env python3
"""Writes a module of about 1 MiB of code in the shape Rust compiled with
panic=unwind has, in legacy exception handling: each function calls two
others inside a try whose catch_all runs a cleanup and rethrows (a landing
pad). The build makes its modern twin with binaryen (build/scripts/
to_exnref.py), for eh_translate_ms_per_mib and eh_compile_ratio.
Usage: gen_eh_wat.py OUT.wat"""
import sys


def main():
    out = sys.argv[1]
    n = 8000
    lines = ['(module',
             '  (import "m" "f" (func $ext (param i32) (result i32)))',
             '  (global $drops (mut i32) (i32.const 0))']
    for i in range(n):
        callee = f'$f{(i + 1) % n}' if i % 7 else '$ext'
        ops = []
        for k in range(12):
            ops.append(f'      local.get 0\n      i32.const {i * 17 + k}\n      i32.add\n'
                       '      local.set 0')
        lines.append(
            f'  (func $f{i} (param i32) (result i32)\n'
            '    try (result i32)\n' + '\n'.join(ops) + '\n'
            f'      local.get 0\n      call {callee}\n'
            '    catch_all\n'
            '      global.get $drops\n      i32.const 1\n      i32.add\n      global.set $drops\n'
            '      rethrow 0\n'
            '    end)')
    lines.append('  (export "run" (func $f0)))')
    open(out, 'w').write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
