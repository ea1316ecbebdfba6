#!/usr/bin/env python3
"""Writes the concatenation of IN... to OUT. Usage: concat.py OUT IN..."""
import sys

out = sys.argv[1]
open(out, 'w').write(''.join(open(src).read() for src in sys.argv[2:]))
