#!/usr/bin/env python3
"""Copies IN to OUT replacing every FROM by its TO; each FROM must occur.

Usage: substitute.py IN OUT FROM TO [FROM TO ...]
"""
import sys

src, out = sys.argv[1:3]
pairs = sys.argv[3:]
if not pairs or len(pairs) % 2:
    sys.exit('substitute.py: FROM TO pairs expected')
text = open(src).read()
for old, new in zip(pairs[0::2], pairs[1::2]):
    if old not in text:
        sys.exit(f'substitute.py: {old!r} not in {src}')
    text = text.replace(old, new)
open(out, 'w').write(text)
