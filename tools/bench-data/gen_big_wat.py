#!/usr/bin/env python3
"""Writes calls_bg.wat's API plus enough generated functions to make a
module of about 1 MiB of code, for the recovery benchmark (recovery against
recompiling the same bytes). Usage: gen_big_wat.py BASE.wat OUT.wat"""
import sys


def main():
    base, out = sys.argv[1], sys.argv[2]
    text = open(base).read().rstrip()
    assert text.endswith(')')
    body = [text[:-1]]
    # Each function: a chain of arithmetic on its parameter, ~220 bytes.
    # Internal, as most of a real Rust module's code is: few exports.
    for i in range(4600):
        ops = []
        for k in range(24):
            ops.append(f'    local.get 0\n    i32.const {i * 31 + k}\n    i32.add\n    local.set 0')
        body.append(f'  (func $f{i} (param i32) (result i32)\n' + '\n'.join(ops) +
                    '\n    local.get 0)')
    body.append(')')
    open(out, 'w').write('\n'.join(body) + '\n')


if __name__ == '__main__':
    main()
