#!/usr/bin/env python3
"""Where the bytes of a WASM module go, from its name section.

Usage: bench/wasm_profile.py MODULE.wasm [BASELINE.wasm [TOP]]

For modules built with v0 symbol mangling and their names kept (as
`bench/wasm_profile.sh` builds them): each function's size is charged to
the crate that defines it, and counted as "for app" when its symbol names
one of beian's types (a framework function instantiated for our views or
data). Prints the sections, the code by crate beside the same figure for
BASELINE (Leptos's floor), and the TOP largest functions.
"""
import re
import sys
from collections import Counter


def leb(buf, pos):
    """Reads an unsigned LEB128 at pos; returns (value, next position)."""
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def sections(buf):
    """Yields (id, name, start, end) of each section's payload."""
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        end = pos + size
        name = None
        if sid == 0:
            length, p = leb(buf, pos)
            name = buf[p : p + length].decode()
        yield sid, name, pos, end
        pos = end


def imported_functions(buf, start):
    """How many functions the import section brings in (they come first)."""
    count, pos = leb(buf, start)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            length, pos = leb(buf, pos)
            pos += length
        kind = buf[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(buf, pos)
            functions += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 3:  # global: valtype, mutability
            pos += 2
        elif kind == 4:  # tag
            pos += 1
            _, pos = leb(buf, pos)
    return functions


def body_sizes(buf, start):
    """The size of each function body of the code section, in order."""
    count, pos = leb(buf, start)
    sizes = []
    for _ in range(count):
        size, body = leb(buf, pos)
        sizes.append(body - pos + size)
        pos = body + size
    return sizes


def function_names(buf, start, end):
    """index -> name, from the name section's function-name subsection."""
    length, pos = leb(buf, start)
    pos += length
    names = {}
    while pos < end:
        kind = buf[pos]
        size, pos = leb(buf, pos + 1)
        if kind == 1:
            count, p = leb(buf, pos)
            for _ in range(count):
                index, p = leb(buf, p)
                length, p = leb(buf, p)
                names[index] = buf[p : p + length].decode(errors="replace")
                p += length
        pos += size
    return names


CRATE = re.compile(r"C(?:s[0-9A-Za-z]*_)?(\d+)")
# A generic instance ends with the crate that instantiated it, which says
# nothing of the types it was instantiated for.
INSTANTIATED_BY_APP = re.compile(r"C(?:s[0-9A-Za-z]*_)?5beian$")


def defining_crate(symbol):
    """The crate of a v0 symbol's outermost path (its first crate root)."""
    match = CRATE.search(symbol[2:]) if symbol.startswith("_R") else None
    if not match:
        return "(not rust)" if not symbol.startswith("_ZN") else "(legacy mangling)"
    length = int(match.group(1))
    start = match.end() + 2
    ident = symbol[start : start + length]
    return ident.lstrip("_") or "?"


def profile(path):
    """(section sizes, code per crate, app-instantiated code per crate,
    [(size, crate, symbol)] per function) of one module."""
    buf = open(path, "rb").read()
    imports, sizes, names = 0, [], {}
    by_section = Counter()
    for sid, name, start, end in sections(buf):
        by_section[{10: "code", 11: "data"}.get(sid, f"custom:{name}" if sid == 0 else "other")] += end - start
        if sid == 2:
            imports = imported_functions(buf, start)
        elif sid == 10:
            sizes = body_sizes(buf, start)
        elif sid == 0 and name == "name":
            names = function_names(buf, start, end)
    crates, for_app, functions = Counter(), Counter(), []
    for i, size in enumerate(sizes):
        symbol = names.get(imports + i, f"(function {imports + i})")
        crate = defining_crate(symbol)
        crates[crate] += size
        if crate != "beian" and "5beian" in INSTANTIATED_BY_APP.sub("", symbol):
            for_app[crate] += size
        functions.append((size, crate, symbol))
    return by_section, crates, for_app, functions


def main():
    path = sys.argv[1]
    baseline = sys.argv[2] if len(sys.argv) > 2 else None
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    by_section, crates, for_app, functions = profile(path)
    base_crates = profile(baseline)[1] if baseline else Counter()
    print(f"{path}: {sum(by_section.values())} bytes in sections")
    for section, size in by_section.most_common():
        print(f"  {section:<34} {size:>9}")
    total = sum(crates.values())
    print(f"\ncode by defining crate ({len(functions)} functions, {total} bytes)")
    print(f"  {'crate':<28} {'bytes':>9} {'share':>6} {'for app':>9} {'baseline':>9}")
    for crate, size in crates.most_common(30):
        print(f"  {crate:<28} {size:>9} {100 * size / total:5.1f}% {for_app[crate]:>9} {base_crates[crate]:>9}")
    print(f"  {'(all)':<28} {total:>9} {'':>6} {sum(for_app.values()):>9} {sum(base_crates.values()):>9}")
    print(f"\nlargest {top} functions")
    for size, crate, symbol in sorted(functions, reverse=True)[:top]:
        print(f"  {size:>7} {crate:<20} {symbol[:160]}")


if __name__ == "__main__":
    main()
