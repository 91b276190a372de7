/// The languages table compiled into the judge: the same text as `config/languages.yaml`
/// (a test keeps them equal), used when no languages file is found.
enum BuiltinLanguages {
    static let yaml = #"""
# Arena judge languages (DESIGN.md §3). Read at run time from $ARENA_LANGUAGES, else
# ./config/languages.yaml, else the same table compiled into the judge (Sources/Judge/BuiltinLanguages.swift;
# keep both in sync — a test checks it).
#
# Placeholders in argv lists: {files} every source file with one of the extensions, {flags} the
# `flags` list, {pch} `-I /pch` when the precompiled header is ready, {main} the entry file,
# {class} the Java main class, {memory_mib} the run's memory limit, {heap_mib} that limit less
# `heap_headroom_mib` (what the runtime needs beside its heap; at least half the limit),
# {toolchain} the directory printed by the `toolchain` host command (bound read-only inside the
# sandbox). Bare program names are looked up in the sandbox PATH (/usr/local/bin:/usr/bin:/bin).
# A language whose programs or toolchain are missing is reported as unavailable, never as a failure.
languages:
  - id: cpp
    name: C++20 (g++)
    extensions: [cc, cpp, cxx, c++, C]
    source: main.cpp
    flags: [-std=gnu++20, -O2, -pipe]
    precompiled_header: bits/stdc++.h
    compile: [g++, "{flags}", "{pch}", -Winvalid-pch, -o, main, "{files}"]
    run: [./main]
    version: [g++, --version]
  - id: c
    name: C17 (gcc)
    extensions: [c]
    source: main.c
    flags: [-std=gnu17, -O2, -pipe]
    compile: [gcc, "{flags}", -o, main, "{files}", -lm]
    run: [./main]
    version: [gcc, --version]
  - id: python3
    name: Python 3
    extensions: [py, py3]
    source: main.py
    compile: [python3, -m, py_compile, "{main}"]
    run: [python3, "{main}"]
    version: [python3, --version]
  - id: pypy3
    name: Python 3 (PyPy)
    extensions: [py, py3]
    source: main.py
    compile: [pypy3, -m, py_compile, "{main}"]
    run: [pypy3, "{main}"]
    version: [pypy3, --version]
  - id: java
    name: Java (OpenJDK)
    extensions: [java]
    source: "{class}.java"
    detect_main_class: true
    compile: [javac, -J-Xmx1g, -J-XX:+UseSerialGC, -encoding, UTF-8, "{files}"]
    run: [java, "-Xmx{heap_mib}m", -Xss64m, -XX:+UseSerialGC, -XX:-UsePerfData, -cp, ., "{class}"]
    heap_headroom_mib: 128
    version: [javac, -version]
    processes: 128
    compile_processes: 256
  - id: rust
    name: Rust (rustc)
    extensions: [rs]
    source: main.rs
    toolchain: [rustc, --print, sysroot]
    compile: ["{toolchain}/bin/rustc", --edition=2021, -O, -o, main, "{main}"]
    run: [./main]
    version: ["{toolchain}/bin/rustc", --version]
"""#
}
