#!/usr/bin/env python3
"""Unpacks a Debian library and its run-time closure into a sysroot folder.

tools/setup calls it for V8 13.6: Debian's libnode137 (node 24) comes from
Debian testing (unstable when testing lacks a package), with the libc,
libstdc++ and ICU it was built for, none of which Debian 12 has. Nothing is
installed into the system: each .deb is checked against the SHA256 of a
signed index and unpacked with dpkg-deb -x.

  debian_sysroot.py --lock FILE --dest DIR            the locked set
  debian_sysroot.py --lock FILE --dest DIR --resolve  resolve anew, rewrite FILE

The lock file's header names the root library and the packages whose files
(headers) are wanted without their dependencies; each other line is
`package version sha256 suite`. A locked version that has left the archive
is replaced by the archive's current one only while the root package is
still there (its name carries the ABI: libnode137 is V8 13.6); this is said
on stderr. Otherwise the run stops with one message saying what to do.

The archive is the one apt uses here (its Debian source in /etc/apt), or
WBHOST_DEBIAN_MIRROR. Exit codes: 0 done, 1 failure (message on stderr).
"""

import argparse
import glob
import hashlib
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

SUITES = ("testing", "unstable")
ARCH = "amd64"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


class Failure(Exception):
    pass


def say(message):
    print(f"wbhost: {message}", file=sys.stderr)


def apt_mirror():
    """The Debian archive apt reads from (not its security archive)."""
    if os.environ.get("WBHOST_DEBIAN_MIRROR"):
        return os.environ["WBHOST_DEBIAN_MIRROR"].rstrip("/")
    texts = []
    for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*")):
        if path.endswith((".list", ".sources")) and os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                texts.append(f.read())
    for text in texts:
        uris = re.findall(r"^URIs:\s*(\S+)", text, re.M)
        uris += re.findall(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)", text, re.M)
        for uri in uris:
            if re.search(r"/debian/?$", uri):
                return uri.rstrip("/")
    raise Failure("no Debian archive in /etc/apt's sources; set WBHOST_DEBIAN_MIRROR to one")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except OSError as e:
        raise Failure(f"cannot download {url}: {e}")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def parse_stanzas(text):
    """Debian control stanzas as dicts (continuation lines kept)."""
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if "Package" in fields:
            yield fields


def load_index(mirror, suite, workdir):
    """Package name -> stanza of suite's main/binary-ARCH, checked from a signed InRelease."""
    release = fetch(f"{mirror}/dists/{suite}/InRelease")
    signed = os.path.join(workdir, f"{suite}.InRelease")
    with open(signed, "wb") as f:
        f.write(release)
    if not os.path.exists(KEYRING) or not shutil.which("gpgv"):
        raise Failure(f"cannot verify {suite}'s InRelease: gpgv or {KEYRING} is missing")
    # Only what the signature covers is read: gpgv ignores text around the
    # signed part, which a man in the middle could fill.
    check = subprocess.run(["gpgv", "--keyring", KEYRING, "--output", "-", signed],
                           capture_output=True)
    if check.returncode != 0:
        raise Failure(f"the signature of {suite}'s InRelease does not verify with {KEYRING}")
    text = check.stdout.decode("utf-8", "replace")
    named = re.search(r"^Suite:\s*(\S+)", text, re.M)
    if not named or named.group(1) != suite:
        raise Failure(f"the InRelease of dists/{suite} is signed for another suite")
    path = f"main/binary-{ARCH}/Packages.xz"
    listed = re.search(r"^SHA256:\n((?: .*\n)+)", text, re.M)
    want = None
    for line in (listed.group(1).splitlines() if listed else []):
        digest, _, name = line.split()
        if name == path:
            want = digest
    if want is None:
        raise Failure(f"{suite}'s InRelease lists no {path}")
    packed = fetch(f"{mirror}/dists/{suite}/{path}")
    if sha256(packed) != want:
        raise Failure(f"{suite}'s {path} does not match its InRelease's SHA256")
    index = {}
    for stanza in parse_stanzas(lzma.decompress(packed).decode("utf-8", "replace")):
        index.setdefault(stanza["Package"], stanza)
    return index


def depends(stanza):
    """Names a package needs at run time: first alternatives of Pre-Depends and Depends."""
    names = []
    for field in ("Pre-Depends", "Depends"):
        for clause in stanza.get(field, "").split(","):
            first = clause.split("|")[0].strip()
            if first:
                names.append(re.split(r"[\s(:]", first)[0])
    return names


class Lock:
    def __init__(self, path):
        self.path = path
        self.root = None
        self.files_only = []
        self.entries = {}  # package -> (version, sha256, suite)
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"#\s*(root|files-only):\s*(.*)", line)
                if m and m.group(1) == "root":
                    self.root = m.group(2).strip()
                elif m:
                    self.files_only = m.group(2).split()
                elif line.strip() and not line.startswith("#"):
                    package, version, digest, suite = line.split()
                    self.entries[package] = (version, digest, suite)

    def write(self, chosen, header):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(header)
            f.write(f"# root: {self.root}\n# files-only: {' '.join(self.files_only)}\n")
            for package in sorted(chosen):
                stanza, suite = chosen[package]
                f.write(f"{package} {stanza['Version']} {stanza['SHA256']} {suite}\n")


def current(indexes, package):
    for suite in SUITES:
        if package in indexes[suite]:
            return indexes[suite][package], suite
    return None, None


def resolve(lock, indexes):
    """The closure of the root plus the files-only packages, as package -> (stanza, suite)."""
    chosen, todo = {}, [lock.root] + lock.files_only
    while todo:
        package = todo.pop(0)
        if package in chosen:
            continue
        stanza, suite = current(indexes, package)
        if stanza is None:
            raise Failure(f"{package} is in neither Debian {' nor '.join(SUITES)}")
        # Architecture-independent dependencies are node's own JS
        # (node-acorn, ...), which an embedder does not load.
        if stanza.get("Architecture") == "all" and package != lock.root:
            continue
        chosen[package] = (stanza, suite)
        if package not in lock.files_only:
            todo += depends(stanza)
    return chosen


def locked(lock, indexes):
    """The lock's set, or None when a locked version has left the archive."""
    chosen = {}
    for package, (version, digest, suite) in lock.entries.items():
        stanza = indexes.get(suite, {}).get(package)
        if not stanza or stanza["Version"] != version:
            return None
        if stanza["SHA256"] != digest:
            raise Failure(f"{package} {version} in {suite} no longer has the locked SHA256")
        chosen[package] = (stanza, suite)
    return chosen


def moved_on(lock, indexes):
    """The current closure, when the root (one ABI) is still there; each change said."""
    if all(lock.root not in indexes[suite] for suite in SUITES):
        version = lock.entries.get(lock.root, ("(unlocked)",))[0]
        raise Failure(missing_message(lock, version, indexes))
    chosen = resolve(lock, indexes)
    for package in sorted(set(chosen) | set(lock.entries)):
        was = lock.entries.get(package, (None,))[0]
        now = chosen[package][0]["Version"] if package in chosen else None
        if was == now:
            continue
        if was is None:
            say(f"{package} {now} is needed now (run tools/setup --update-lock to lock it)")
        elif now is None:
            say(f"{package} {was} has left the archive and is no longer needed")
        else:
            say(f"{package} {was} has left the archive; taking {now} "
                "(run tools/setup --update-lock to lock it)")
    return chosen


def missing_message(lock, version, indexes):
    family = re.sub(r"\d+$", "", lock.root)
    there = sorted({name for suite in SUITES for name in indexes[suite]
                    if re.fullmatch(re.escape(family) + r"\d+", name)})
    now = f"the archive has {', '.join(there)}" if there else f"the archive has no {family}"
    return (f"{lock.root} {version} has left Debian {' and '.join(SUITES)} ({now}). "
            f"To move on: name the new package in tools/libnode.lock's '# root:' line, run "
            f"tools/setup --update-lock, and port to its V8 (README.md, 'V8 and where it comes "
            f"from'); or set WBHOST_DEBIAN_MIRROR to an archive that still has {lock.root}.")


def check_consistent(lock, chosen):
    """The headers must be those of the library: files-only packages pin the root's version."""
    root_version = chosen[lock.root][0]["Version"]
    for package in lock.files_only:
        if package not in chosen:
            raise Failure(f"{package} is in neither Debian {' nor '.join(SUITES)}")
        version = chosen[package][0]["Version"]
        if version != root_version:
            raise Failure(f"{package} {version} does not match {lock.root} {root_version}; "
                          f"run tools/setup again when the archive has both at one version")


def unpack(mirror, chosen, dest, workdir):
    staging = dest + ".new"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    total = 0
    for package in sorted(chosen):
        stanza, suite = chosen[package]
        data = fetch(f"{mirror}/{stanza['Filename']}")
        if sha256(data) != stanza["SHA256"]:
            raise Failure(f"{stanza['Filename']} does not match the index's SHA256")
        total += len(data)
        deb = os.path.join(workdir, os.path.basename(stanza["Filename"]))
        with open(deb, "wb") as f:
            f.write(data)
        unpacked = subprocess.run(["dpkg-deb", "-x", deb, staging], capture_output=True, text=True)
        if unpacked.returncode != 0:
            raise Failure(f"dpkg-deb cannot unpack {stanza['Filename']}: {unpacked.stderr.strip()}")
        os.remove(deb)
        print(f"{package} {stanza['Version']} ({suite}, {len(data)} bytes)")
    with open(os.path.join(staging, "sysroot.lock"), "w", encoding="utf-8") as f:
        for package in sorted(chosen):
            stanza, suite = chosen[package]
            f.write(f"{package} {stanza['Version']} {stanza['SHA256']} {suite}\n")
    # The old sysroot goes only once the new one is in place.
    old = dest + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(dest):
        os.rename(dest, old)
    os.rename(staging, dest)
    shutil.rmtree(old, ignore_errors=True)
    print(f"{len(chosen)} packages, {total} bytes downloaded")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", required=True)
    parser.add_argument("--dest", required=True)
    parser.add_argument("--resolve", action="store_true", help="resolve anew and rewrite the lock")
    args = parser.parse_args()
    lock = Lock(args.lock)
    if lock.root is None:
        raise Failure(f"{args.lock} names no root package (a '# root: NAME' line)")
    mirror = apt_mirror()
    with tempfile.TemporaryDirectory() as workdir:
        indexes = {suite: load_index(mirror, suite, workdir) for suite in SUITES}
        if args.resolve or not lock.entries:
            chosen = resolve(lock, indexes)
        else:
            chosen = locked(lock, indexes) or moved_on(lock, indexes)
        check_consistent(lock, chosen)
        if args.resolve:
            with open(args.lock, encoding="utf-8") as f:
                header = "".join(line for line in f if line.startswith("#")
                                 and not re.match(r"#\s*(root|files-only):", line))
            lock.write(chosen, header)
        unpack(mirror, chosen, os.path.abspath(args.dest), workdir)


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        say(str(e))
        sys.exit(1)
    except OSError as e:
        say(f"cannot write the sysroot: {e}")
        sys.exit(1)
