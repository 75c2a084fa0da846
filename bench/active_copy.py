"""Copies source files with the branches of #if the build compiles out blanked, for pmccabe.

usage: active_copy.py LIBCLANG COMPILE_COMMANDS SRC OUT_DIR FILE...

pmccabe reads every branch of #if; ecg measures the code the compiler reads. To compare
the counting rules rather than the preprocessor, each unit of the compile database is
parsed with libclang (through ctypes, as ecg parses it) and the ranges clang skipped
(clang_getAllSkippedRanges) are read. Each line of FILE that lies wholly in a skipped range
of the unit that reads it is written empty (line numbers stay the same) into OUT_DIR under
the same relative path. A file no unit reads is copied unchanged.
"""
import ctypes
import json
import os
import shlex
import sys


class Location(ctypes.Structure):
    _fields_ = [("ptr_data", ctypes.c_void_p * 2), ("int_data", ctypes.c_uint)]


class Range(ctypes.Structure):
    _fields_ = [("ptr_data", ctypes.c_void_p * 2), ("begin", ctypes.c_uint),
                ("end", ctypes.c_uint)]


class RangeList(ctypes.Structure):
    _fields_ = [("count", ctypes.c_uint), ("ranges", ctypes.POINTER(Range))]


class String(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("flags", ctypes.c_uint)]


DETAILED_RECORD, KEEP_GOING = 0x01, 0x200
DROP = {"-o": 1, "-c": 0, "-MF": 1, "-MT": 1, "-MQ": 1, "-MD": 0, "-MMD": 0, "-M": 0, "-MM": 0,
        "-MP": 0}


def bind(path):
    lib = ctypes.CDLL(path)
    lib.clang_createIndex.restype = ctypes.c_void_p
    lib.clang_parseTranslationUnit.restype = ctypes.c_void_p
    lib.clang_parseTranslationUnit.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                               ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                               ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint]
    lib.clang_getAllSkippedRanges.restype = ctypes.POINTER(RangeList)
    lib.clang_getAllSkippedRanges.argtypes = [ctypes.c_void_p]
    lib.clang_disposeSourceRangeList.argtypes = [ctypes.POINTER(RangeList)]
    lib.clang_getRangeStart.restype = Location
    lib.clang_getRangeStart.argtypes = [Range]
    lib.clang_getRangeEnd.restype = Location
    lib.clang_getRangeEnd.argtypes = [Range]
    lib.clang_getFileLocation.argtypes = [Location, ctypes.POINTER(ctypes.c_void_p),
                                          ctypes.POINTER(ctypes.c_uint),
                                          ctypes.POINTER(ctypes.c_uint),
                                          ctypes.POINTER(ctypes.c_uint)]
    lib.clang_getFileName.restype = String
    lib.clang_getFileName.argtypes = [ctypes.c_void_p]
    lib.clang_getCString.restype = ctypes.c_char_p
    lib.clang_getCString.argtypes = [String]
    lib.clang_disposeString.argtypes = [String]
    lib.clang_disposeTranslationUnit.argtypes = [ctypes.c_void_p]
    return lib


def unit_args(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], 0
    for a in args[1:]:
        if skip:
            skip -= 1
        elif a in DROP:
            skip = DROP[a]
        elif os.path.join(entry["directory"], a) != entry["file"]:
            out.append(a)
    # Relative include paths are read from the unit's directory.
    return [("-I" + os.path.join(entry["directory"], a[2:])) if a.startswith("-I") and
            not a.startswith("-I/") else a for a in out] + ["-w"]


def location(lib, loc):
    f, line = ctypes.c_void_p(), ctypes.c_uint()
    lib.clang_getFileLocation(loc, ctypes.byref(f), ctypes.byref(line), None, None)
    if not f.value:
        return None, 0
    s = lib.clang_getFileName(f)
    name = lib.clang_getCString(s)
    lib.clang_disposeString(s)
    return (os.path.abspath(name.decode()) if name else None), line.value


def skipped_lines(lib, index, entry):
    """{absolute path: set of line numbers} that lie in ranges the unit skipped."""
    args = [a.encode() for a in unit_args(entry)]
    argv = (ctypes.c_char_p * len(args))(*args)
    tu = lib.clang_parseTranslationUnit(index, entry["file"].encode(), argv, len(args), None, 0,
                                        DETAILED_RECORD | KEEP_GOING)
    out = {}
    if not tu:
        return out
    ranges = lib.clang_getAllSkippedRanges(tu)
    for i in range(ranges.contents.count):
        r = ranges.contents.ranges[i]
        path, first = location(lib, lib.clang_getRangeStart(r))
        _, last = location(lib, lib.clang_getRangeEnd(r))
        if path:
            out.setdefault(path, set()).update(range(first, last + 1))
    lib.clang_disposeSourceRangeList(ranges)
    lib.clang_disposeTranslationUnit(tu)
    return out


def main():
    libclang, cdb, src, out_dir = sys.argv[1:5]
    files = sys.argv[5:]
    lib = bind(libclang)
    index = lib.clang_createIndex(0, 0)
    skipped, seen = {}, set()
    cwd = os.getcwd()
    for entry in json.load(open(cdb)):
        if entry["file"] in seen:  # ecg's rows come from the first unit of each file
            continue
        seen.add(entry["file"])
        os.chdir(entry["directory"])
        for path, lines in skipped_lines(lib, index, entry).items():
            skipped.setdefault(path, lines)
        os.chdir(cwd)
    for rel in files:
        path = os.path.abspath(os.path.join(src, rel))
        lines = open(path, errors="replace").read().split("\n")
        drop = skipped.get(path, set())
        lines = ["" if i + 1 in drop else t for i, t in enumerate(lines)]
        dest = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        open(dest, "w").write("\n".join(lines))


main()
