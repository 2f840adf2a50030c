#!/usr/bin/env python3
"""What the byte arrays of a heap dump are, for a look at what each open stream holds (bench/README).

  bench/tools/byte-arrays.py dump.hprof            the byte[] lengths holding the most bytes
  bench/tools/byte-arrays.py dump.hprof 8192       who holds the byte[] of that length: the fields and arrays that
                                                   point at them, then at those, four levels up

Dumps come from `jcmd <pid> GC.heap_dump <file>` (live objects only), or from `HEAP_DUMPS=<dir>
bench/tools/stream-heap.sh`. Reads HPROF 1.0.2 with 8-byte ids, as HotSpot writes it on 64-bit machines.
"""
import collections
import struct
import sys

Q, I, H = struct.Struct('>Q'), struct.Struct('>I'), struct.Struct('>H')
SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # HPROF basic types: 2 is an object id


class Dump:
    def __init__(self, path, length):
        self.data = data = open(path, 'rb').read()
        i = data.index(b'\0') + 1
        if I.unpack_from(data, i)[0] != 8:
            sys.exit('only dumps with 8-byte ids are read')
        i += 12
        self.strings, self.class_name, self.classes = {}, {}, {}  # classes: id -> (super, [(field name id, type)])
        self.instances, self.object_arrays = [], []  # (id, class id, offset of the values, size)
        self.lengths, self.wanted = collections.Counter(), set()
        while i < len(data):
            tag, size = data[i], I.unpack_from(data, i + 5)[0]
            i += 9
            if tag == 0x01:
                self.strings[Q.unpack_from(data, i)[0]] = data[i + 8:i + size].decode('utf8', 'replace')
            elif tag == 0x02:
                self.class_name[Q.unpack_from(data, i + 4)[0]] = Q.unpack_from(data, i + 16)[0]
            elif tag in (0x0c, 0x1c):
                self.segment(i, i + size, length)
            i += size

    def segment(self, j, end, length):
        data = self.data
        while j < end:
            sub = data[j]
            j += 1
            if sub == 0xff: j += 8  # roots: skipped, with their sizes
            elif sub == 0x01: j += 16
            elif sub in (0x02, 0x03, 0x08): j += 16
            elif sub in (0x04, 0x06): j += 12
            elif sub in (0x05, 0x07): j += 8
            elif sub == 0x20:  # class dump
                cid, sup = Q.unpack_from(data, j)[0], Q.unpack_from(data, j + 12)[0]
                j += 8 + 4 + 6 * 8 + 4
                n = H.unpack_from(data, j)[0]; j += 2
                for _ in range(n): j += 3 + SIZES[data[j + 2]]
                n = H.unpack_from(data, j)[0]; j += 2
                for _ in range(n): j += 9 + SIZES[data[j + 8]]
                n = H.unpack_from(data, j)[0]; j += 2
                self.classes[cid] = (sup, [(Q.unpack_from(data, j + k * 9)[0], data[j + k * 9 + 8]) for k in range(n)])
                j += n * 9
            elif sub == 0x21:  # instance
                oid, cid, n = Q.unpack_from(data, j)[0], Q.unpack_from(data, j + 12)[0], I.unpack_from(data, j + 20)[0]
                self.instances.append((oid, cid, j + 24, n))
                j += 24 + n
            elif sub == 0x22:  # object array
                oid, n, cid = Q.unpack_from(data, j)[0], I.unpack_from(data, j + 12)[0], Q.unpack_from(data, j + 16)[0]
                self.object_arrays.append((oid, cid, j + 24, n))
                j += 24 + n * 8
            elif sub == 0x23:  # primitive array
                oid, n, kind = Q.unpack_from(data, j)[0], I.unpack_from(data, j + 12)[0], data[j + 16]
                if kind == 8:
                    self.lengths[n] += 1
                    if n == length: self.wanted.add(oid)
                j += 17 + n * SIZES[kind]
            else:
                sys.exit('unknown heap dump record %#x' % sub)

    def name(self, cid):
        return self.strings.get(self.class_name.get(cid), '?').replace('/', '.')

    def holders(self, targets):
        """Which fields and arrays point at any of the targets, counted, and the ids of the objects that do."""
        counts, ids = collections.Counter(), set()
        for oid, cid, off, _ in self.instances:
            c, p = cid, off
            while c in self.classes:
                sup, fields = self.classes[c]
                for field, kind in fields:
                    if kind == 2 and Q.unpack_from(self.data, p)[0] in targets:
                        counts[self.name(cid) + '.' + self.strings.get(field, '?')] += 1
                        ids.add(oid)
                    p += SIZES[kind]
                c = sup
        for oid, cid, off, n in self.object_arrays:
            for k in range(n):
                if Q.unpack_from(self.data, off + k * 8)[0] in targets:
                    counts[self.name(cid)] += 1
                    ids.add(oid)
        return counts, ids


def main():
    length = int(sys.argv[2]) if len(sys.argv) > 2 else None
    dump = Dump(sys.argv[1], length)
    if length is None:
        for n, count in sorted(dump.lengths.items(), key=lambda e: -e[0] * e[1])[:25]:
            print('%9d bytes x %7d = %11d' % (n, count, n * count))
        return
    print('%d byte[] of %d bytes' % (len(dump.wanted), length))
    targets = dump.wanted
    for level in range(1, 5):
        counts, targets = dump.holders(targets)
        print('level %d: %s' % (level, ', '.join('%d %s' % (v, k) for k, v in counts.most_common(6))))


if __name__ == '__main__':
    main()
