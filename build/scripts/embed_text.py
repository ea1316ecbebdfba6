#!/usr/bin/env python3
"""Embeds a text file as a C++ char array. Usage: embed_text.py IN OUT NAMESPACE NAME"""
import sys

src, out, namespace, name = sys.argv[1:5]
data = open(src, 'rb').read()
body = ', '.join(str(b) for b in data)
text = (f'// Generated from {src.split("/")[-1]} by build/scripts/embed_text.py.\n'
        f'namespace {namespace} {{\nextern const char {name}[];\n'
        f'const char {name}[] = {{{body}{", " if body else ""}0}};\n}}\n')
open(out, 'w').write(text)
