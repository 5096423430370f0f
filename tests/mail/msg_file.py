"""Outlook .msg files for the tests, written here because no maintained library writes them.

A .msg file is a Compound File Binary (MS-CFB, version 3) holding MAPI properties (MS-OXMSG).
This writes the smallest such file Outlook's format allows: the message class, subject, body,
sender, transport headers, and attachments stored by value. Streams under 4096 bytes live in the
mini stream, as the format requires.
"""

import struct

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR, MINI, CUTOFF = 512, 64, 4096
PT_LONG, PT_UNICODE, PT_BINARY = 0x0003, 0x001F, 0x0102


def _sectors(size: int, unit: int = SECTOR) -> int:
    return -(-size // unit)


def write_cfb(tree: dict) -> bytes:
    """`tree`: {name: bytes (a stream) or dict (a storage)} under the root storage."""
    entries: list[dict] = []

    def add(name: str, node) -> int:
        index = len(entries)
        if isinstance(node, dict):
            entry = {"name": name, "type": 1, "kids": [], "data": b""}
            entries.append(entry)
            entry["kids"] = [add(k, v) for k, v in node.items()]
        else:
            entries.append({"name": name, "type": 2, "kids": [], "data": bytes(node)})
        return index

    add("Root Entry", tree)
    entries[0]["type"] = 5
    mini, minifat = bytearray(), []
    for entry in entries:
        entry["start"], entry["size"] = ENDOFCHAIN, len(entry["data"])
        if entry["type"] == 2 and 0 < len(entry["data"]) < CUTOFF:
            count = _sectors(len(entry["data"]), MINI)
            first = len(minifat)
            minifat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
            entry["start"] = first
            mini += entry["data"].ljust(count * MINI, b"\0")
    large = [e for e in entries if e["type"] == 2 and len(e["data"]) >= CUTOFF]
    dir_n = _sectors(len(entries) * 128)
    minifat_n = _sectors(len(minifat) * 4)
    mini_n = _sectors(len(mini))
    other = dir_n + minifat_n + mini_n + sum(_sectors(len(e["data"])) for e in large)
    fat_n = 1
    while fat_n + other > fat_n * 128:
        fat_n += 1
    fat = [FREESECT] * (fat_n * 128)
    position = 0

    def chain(count: int) -> int:
        nonlocal position
        if count == 0:
            return ENDOFCHAIN
        start = position
        for i in range(count):
            fat[position] = position + 1 if i < count - 1 else ENDOFCHAIN
            position += 1
        return start

    for _ in range(fat_n):
        fat[position] = FATSECT
        position += 1
    dir_start, minifat_start, mini_start = chain(dir_n), chain(minifat_n), chain(mini_n)
    for entry in large:
        entry["start"] = chain(_sectors(len(entry["data"])))
    entries[0]["start"], entries[0]["size"] = (mini_start, len(mini)) if mini else (ENDOFCHAIN, 0)

    siblings = {}
    for entry in entries:
        for left, right in zip(entry["kids"], entry["kids"][1:], strict=False):
            siblings[left] = right
    directory = bytearray()
    for index, entry in enumerate(entries):
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        child = entry["kids"][0] if entry["kids"] else NOSTREAM
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name.ljust(64, b"\0"),
            len(name),
            entry["type"],
            1,
            NOSTREAM,
            siblings.get(index, NOSTREAM),
            child,
            b"\0" * 16,
            0,
            0,
            0,
            entry["start"],
            entry["size"],
        )
    empty = struct.pack(
        "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"", 0, 0, 0, 0, 0
    )
    while len(directory) % SECTOR:
        directory += empty
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack(
        "<HHHHH6s9I",
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_n,
        dir_start,
        0,
        CUTOFF,
        minifat_start if minifat_n else ENDOFCHAIN,
        minifat_n,
        ENDOFCHAIN,
        0,
    )
    header += struct.pack("<109I", *(list(range(fat_n)) + [FREESECT] * (109 - fat_n)))

    def padded(data: bytes, fill: bytes = b"\0") -> bytes:
        return bytes(data) + fill * (-len(data) % SECTOR)

    body = struct.pack(f"<{len(fat)}I", *fat) + bytes(directory)
    body += padded(struct.pack(f"<{len(minifat)}I", *minifat), b"\xff")
    body += padded(mini)
    for entry in large:
        body += padded(entry["data"])
    return header + body


def _stream_name(prop_id: int, prop_type: int) -> str:
    return f"__substg1.0_{prop_id:04X}{prop_type:04X}"


def _properties(header: bytes, strings: dict, binaries: dict, longs: dict) -> tuple[bytes, dict]:
    """The property stream (fixed values inline, others by size) and the value streams."""
    stream, streams = bytearray(header), {}
    for prop_id, text in strings.items():
        data = text.encode("utf-16-le")
        stream += struct.pack("<IIII", prop_id << 16 | PT_UNICODE, 6, len(data) + 2, 0)
        streams[_stream_name(prop_id, PT_UNICODE)] = data
    for prop_id, data in binaries.items():
        stream += struct.pack("<IIII", prop_id << 16 | PT_BINARY, 6, len(data), 0)
        streams[_stream_name(prop_id, PT_BINARY)] = data
    for prop_id, value in longs.items():
        stream += struct.pack("<IIQ", prop_id << 16 | PT_LONG, 6, value)
    return bytes(stream), streams


def build_msg(
    *,
    sender_name: str,
    sender_email: str,
    subject: str,
    body: str,
    message_id: str,
    date: str,
    attachments: list[tuple[str, bytes]] = (),
    message_class: str = "IPM.Note",
) -> bytes:
    headers = (
        f"From: {sender_name} <{sender_email}>\r\nTo: foi@council.example\r\n"
        f"Subject: {subject}\r\nDate: {date}\r\nMessage-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
    )
    top = struct.pack("<8sIIII8s", b"", 0, len(attachments), 0, len(attachments), b"")
    properties, streams = _properties(
        top,
        {
            0x001A: message_class,
            0x0037: subject,
            0x1000: body,
            0x0C1A: sender_name,
            0x5D01: sender_email,
            0x007D: headers,
            0x1035: message_id,
        },
        {},
        {},
    )
    tree: dict = {"__properties_version1.0": properties, **streams}
    tree["__nameid_version1.0"] = {
        "__substg1.0_00020102": b"",
        "__substg1.0_00030102": b"",
        "__substg1.0_00040102": b"",
    }
    for number, (name, data) in enumerate(attachments):
        attach_props, attach_streams = _properties(
            b"\0" * 8,
            {0x3707: name, 0x3704: name[:12], 0x3703: "." + name.rsplit(".", 1)[-1]},
            {0x3701: data},
            {0x3705: 1},  # ATTACH_BY_VALUE
        )
        tree[f"__attach_version1.0_#{number:08X}"] = {
            "__properties_version1.0": attach_props,
            **attach_streams,
        }
    return write_cfb(tree)
