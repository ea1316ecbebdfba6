#!/usr/bin/env python3
"""Copies IN to OUT replacing every FROM by TO. Usage: substitute.py IN OUT FROM TO"""
import sys

src, out, old, new = sys.argv[1:5]
open(out, 'w').write(open(src).read().replace(old, new))
