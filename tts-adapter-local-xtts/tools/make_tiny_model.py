#!/usr/bin/python3
"""Builds the tiny random-weight xtts-onnx v1 model directory used by the Java tests, plus goldens.

Run with Debian's interpreter (python3-torch, python3-onnx, python3-torchaudio, python3-numpy):

    /usr/bin/python3 tools/make_tiny_model.py src/test/resources/tiny-xtts

The graphs follow the contract (specs/xtts-onnx-v1.md, sections 5, 6 and 10) at tiny sizes:
d_model 32, 2 heads, 2 GPT layers, speaker_dim 16, the real audio-token ids and position tables,
the real HiFi-GAN upsampling (8*8*2*2 = 256). Output is deterministic.

Goldens (``goldens/``) come from the same PyTorch modules and from torchaudio:
  signal_44k.f32 etc.  DSP front end: test signal, resampled signals, conditioning log-mel, speaker mel,
                       computed in float64 like the Java front end; signals are stored as float32
                       between stages and the mels are cast to float32 where they feed a graph
  golden.json          tokenizer ids, greedy codes, shapes, scalars
  *.f32                little-endian float32 arrays, shapes in golden.json
"""
import contextlib
import json
import math
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchaudio

from xtts_contract import StaticCache, cached_attention, common_meta as contract_meta, export as contract_export, gelu_new, \
    gpt_io, gpt_meta as contract_gpt_meta

# Benchmark models (not test fixtures) override the GPT size: XTTS_FIXTURE_D_MODEL, _HEADS, _LAYERS;
# XTTS_FIXTURE_BENCH=1 also skips the goldens and never samples the stop token.
D_MODEL = int(os.environ.get("XTTS_FIXTURE_D_MODEL", "32"))
N_HEAD = int(os.environ.get("XTTS_FIXTURE_HEADS", "2"))
HEAD_DIM = D_MODEL // N_HEAD
N_LAYER = int(os.environ.get("XTTS_FIXTURE_LAYERS", "2"))
BENCH = os.environ.get("XTTS_FIXTURE_BENCH") == "1"
COND_LEN = 32
SPEAKER_DIM = 16
NUM_AUDIO_TOKENS = 1026
START_AUDIO = 1024
STOP_AUDIO = 1025
TEXT_POS_ROWS = 404
MEL_POS_ROWS = 608
MAX_TEXT_TOKENS = 402
MAX_MEL_TOKENS = 605
MAX_GEN_MEL_TOKENS = 602
LANGS = ["en", "es", "fr", "de", "ru"]
COMMENT = "tiny random-weight test fixture, not a real voice"


# ----------------------------------------------------------------------------------------------
# Tokenizer: a synthetic vocab.json in the XTTS layout, and a reference BPE encoder.
# ----------------------------------------------------------------------------------------------

def build_vocab():
    specials = ["[STOP]", "[UNK]", "[SPACE]"]
    tags = ["[" + l + "]" for l in LANGS]
    alphabet = list("abcdefghijklmnopqrstuvwxyz") + list("àáâäçèéêëíîïñóôöúûüßœ") + \
        list("абвгдеёжзийклмнопрстуфхцчшщъыьэюя") + list(".,!?;:'-\"()") + list("0123456789")
    merges = [("t", "h"), ("th", "e"), ("h", "e"), ("l", "l"), ("o", "r"), ("i", "n"), ("e", "r"),
              ("a", "n"), ("in", "g"), ("he", "ll"), ("o", "u"), ("s", "t")]
    vocab = {}
    for tok in specials:
        vocab[tok] = len(vocab)
    for tok in tags:
        vocab[tok] = len(vocab)
    # [START] deliberately not at 261 (the real id) so that Java cannot hard-code it.
    vocab["[START]"] = len(vocab)
    for ch in alphabet:
        if ch not in vocab:
            vocab[ch] = len(vocab)
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    added = []
    for tok in specials + tags + ["[START]"]:
        added.append({"id": vocab[tok], "content": tok, "single_word": False, "lstrip": False,
                      "rstrip": False, "normalized": False, "special": True})
    added.sort(key=lambda t: t["id"])
    doc = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": None, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": None,
        "decoder": None,
        "model": {"type": "BPE", "dropout": None, "unk_token": "[UNK]", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "vocab": vocab,
                  "merges": [a + " " + b for a, b in merges]},
    }
    return doc


def bpe_encode(doc, text):
    """Reference encoder with HF tokenizers semantics (added tokens, Whitespace, BPE by rank)."""
    import re
    vocab = doc["model"]["vocab"]
    ranks = {tuple(m.split(" ")): i for i, m in enumerate(doc["model"]["merges"])}
    added = sorted([t["content"] for t in doc["added_tokens"]], key=len, reverse=True)
    ids = []
    i = 0
    seg_start = 0

    def encode_segment(seg):
        for piece in re.findall(r"\w+|[^\w\s]+", seg):
            syms = list(piece)
            while True:
                best = None
                for k in range(len(syms) - 1):
                    r = ranks.get((syms[k], syms[k + 1]))
                    if r is not None and (best is None or r < best[0]):
                        best = (r, k)
                if best is None:
                    break
                k = best[1]
                syms = syms[:k] + [syms[k] + syms[k + 1]] + syms[k + 2:]
            for s in syms:
                ids.append(vocab.get(s, vocab["[UNK]"]))

    while i < len(text):
        match = None
        for tok in added:
            if text.startswith(tok, i):
                match = tok
                break
        if match is not None:
            encode_segment(text[seg_start:i])
            ids.append(vocab[match])
            i += len(match)
            seg_start = i
        else:
            i += 1
    encode_segment(text[seg_start:])
    return ids


# ----------------------------------------------------------------------------------------------
# Modules
# ----------------------------------------------------------------------------------------------

class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.scale = dim ** 0.5
        self.gamma = nn.Parameter(torch.ones(dim) + 0.1 * torch.randn(dim))

    def forward(self, x):
        return F.normalize(x, dim=-1) * self.scale * self.gamma


class ConditioningEncoder(nn.Module):
    """mel_stats division, Conv1d k=1, one attention block (returns x_norm + h), a perceiver layer."""

    def __init__(self, n_mels, d):
        super().__init__()
        self.register_buffer("mel_stats", torch.rand(n_mels) * 2 + 0.5)
        self.init = nn.Conv1d(n_mels, d, 1)
        self.norm = nn.GroupNorm(4, d)
        self.qkv = nn.Conv1d(d, 3 * d, 1)
        self.proj = nn.Conv1d(d, d, 1)
        self.latents = nn.Parameter(torch.randn(COND_LEN, d))
        self.q = nn.Linear(d, d, bias=False)
        self.kv = nn.Linear(d, 2 * d, bias=False)
        self.out = nn.Linear(d, d, bias=False)
        self.ff1 = nn.Linear(d, 4 * d * 2)
        self.ff2 = nn.Linear(4 * d, d)
        self.norm_out = RMSNorm(d)

    def forward(self, mel):
        x = mel / self.mel_stats.view(1, -1, 1)
        x = self.init(x)                                    # [1, d, T]
        xn = self.norm(x)
        q, k, v = self.qkv(xn).chunk(3, dim=1)
        w = torch.softmax(torch.einsum("bct,bcs->bts", q, k) / math.sqrt(q.shape[1]), dim=-1)
        h = self.proj(torch.einsum("bts,bcs->bct", w, v))
        x = xn + h                                          # XTTS: x_norm + h
        ctx = x.transpose(1, 2)                             # [1, T, d]
        lat = self.latents.unsqueeze(0)                     # [1, 32, d]
        ctx = torch.cat([ctx, lat], dim=1)                  # context includes the queries
        q = self.q(lat)
        k, v = self.kv(ctx).chunk(2, dim=-1)
        w = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(q.shape[-1]), dim=-1)
        lat = lat + self.out(w @ v)
        a, g = self.ff1(lat).chunk(2, dim=-1)
        lat = lat + self.ff2(a * F.gelu(g))                 # GEGLU
        return self.norm_out(lat)                           # [1, 32, d]


class SpeakerEncoder(nn.Module):
    def __init__(self, n_mels, dim):
        super().__init__()
        self.inorm = nn.InstanceNorm1d(n_mels)
        self.conv = nn.Conv1d(n_mels, dim, 3, padding=1)
        self.att = nn.Conv1d(dim, dim, 1)
        self.fc = nn.Linear(2 * dim, dim)

    def forward(self, mel):
        x = torch.log(mel + 1e-6)
        x = self.inorm(x)
        x = F.relu(self.conv(x))
        w = torch.softmax(self.att(x), dim=2)
        mu = torch.sum(x * w, dim=2)
        sg = torch.sqrt((torch.sum((x ** 2) * w, dim=2) - mu ** 2).clamp(min=1e-5))
        e = self.fc(torch.cat([mu, sg], dim=1))
        e = F.normalize(e, p=2.0, dim=1)
        return e.unsqueeze(-1)                              # [1, dim, 1]


class Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.ln_1 = nn.LayerNorm(d, eps=1e-5)
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d, eps=1e-5)
        self.c_fc = nn.Linear(d, 4 * d)
        self.mlp_proj = nn.Linear(4 * d, d)

    def forward(self, x, past_len, cache_k, cache_v):
        b, s, d = x.shape
        hd = d // self.h
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        q = q.view(b, s, self.h, hd).transpose(1, 2)
        k = k.view(b, s, self.h, hd).transpose(1, 2)
        v = v.view(b, s, self.h, hd).transpose(1, 2)
        y, k_t = cached_attention(q, k, v, past_len, cache_k, cache_v)
        x = x + self.c_proj(y.transpose(1, 2).reshape(b, s, d))
        x = x + self.mlp_proj(gelu_new(self.c_fc(self.ln_2(x))))
        return x, k_t, v


class Gpt(nn.Module):
    def __init__(self, num_text):
        super().__init__()
        d = D_MODEL
        self.text_embedding = nn.Embedding(num_text, d)
        self.mel_embedding = nn.Embedding(NUM_AUDIO_TOKENS, d)
        self.text_pos = nn.Embedding(TEXT_POS_ROWS, d)
        self.mel_pos = nn.Embedding(MEL_POS_ROWS, d)
        self.blocks = nn.ModuleList([Block(d, N_HEAD) for _ in range(N_LAYER)])
        self.ln_f = nn.LayerNorm(d, eps=1e-5)
        self.final_norm = nn.LayerNorm(d, eps=1e-5)
        self.mel_head = nn.Linear(d, NUM_AUDIO_TOKENS)
        with torch.no_grad():
            self.mel_head.weight.mul_(20.0)
            for emb in (self.text_embedding, self.mel_embedding, self.text_pos, self.mel_pos):
                emb.weight.mul_(0.5)

    def forward(self, cond_latents, text_ids, audio_ids, audio_pos, past_len, *cache):
        t = text_ids.shape[1]
        text = self.text_embedding(text_ids) + self.text_pos(torch.arange(t).unsqueeze(0))
        mel = self.mel_embedding(audio_ids) + self.mel_pos(audio_pos)
        x = torch.cat([cond_latents, text, mel], dim=1)
        presents = []
        for i, blk in enumerate(self.blocks):
            x, k, v = blk(x, past_len, cache[2 * i], cache[2 * i + 1])
            presents += [k, v]
        h = self.final_norm(self.ln_f(x))[:, -1, :]
        logits = self.mel_head(h)
        return (logits, h, *presents)


class ResBlock(nn.Module):
    def __init__(self, ch, k, dil):
        super().__init__()
        self.c1 = nn.ModuleList([nn.Conv1d(ch, ch, k, dilation=d_, padding=(k * d_ - d_) // 2) for d_ in dil])
        self.c2 = nn.ModuleList([nn.Conv1d(ch, ch, k, dilation=1, padding=(k - 1) // 2) for _ in dil])

    def forward(self, x):
        for c1, c2 in zip(self.c1, self.c2):
            xt = c2(F.leaky_relu(c1(F.leaky_relu(x, 0.1)), 0.1))
            x = x + xt
        return x


class HifiganDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        chans = [16, 8, 8, 4, 4]
        rates, kernels = [8, 8, 2, 2], [16, 16, 4, 4]
        self.conv_pre = nn.Conv1d(D_MODEL, chans[0], 7, padding=3)
        self.cond = nn.Conv1d(SPEAKER_DIM, chans[0], 1)
        self.ups = nn.ModuleList()
        self.conds = nn.ModuleList()
        self.res = nn.ModuleList()
        for i, (r, k) in enumerate(zip(rates, kernels)):
            self.conds.append(nn.Conv1d(SPEAKER_DIM, chans[i], 1))
            self.ups.append(nn.ConvTranspose1d(chans[i], chans[i + 1], k, r, padding=(k - r) // 2))
            self.res.append(nn.ModuleList([ResBlock(chans[i + 1], 3, [1, 3]), ResBlock(chans[i + 1], 5, [1, 3])]))
        self.conv_post = nn.Conv1d(chans[-1], 1, 7, padding=3, bias=False)

    def forward(self, frames, speaker_embedding):
        x = self.conv_pre(frames) + self.cond(speaker_embedding)
        for up, cond, res in zip(self.ups, self.conds, self.res):
            x = F.leaky_relu(x, 0.1)
            x = x + cond(speaker_embedding)
            x = up(x)
            x = sum(r(x) for r in res) / len(res)
        x = F.leaky_relu(x, 0.01)
        x = torch.tanh(self.conv_post(x))
        return x.squeeze(1)                                 # [1, samples]


# ----------------------------------------------------------------------------------------------
# Export helpers
# ----------------------------------------------------------------------------------------------

def common_meta(graph):
    return contract_meta(graph, D_MODEL, COMMENT)


def export(module, args, path, inputs, outputs, axes, meta):
    contract_export(module, args, path, inputs, outputs, axes, meta, "ttskit-tiny-fixture")


def write_f32(path, arr):
    np.asarray(arr, dtype="<f4").reshape(-1).tofile(path)


def interp(x, s):
    """torch F.interpolate(mode=linear, align_corners=False) with an explicit scale."""
    return F.interpolate(x, scale_factor=s, mode="linear", align_corners=False)


@contextlib.contextmanager
def float64_dsp():
    """torchaudio builds its windows and mel filterbanks with torch's default dtype (float32 even for a
    float64 signal); with float64 as the default the whole front end runs in double, as the Java one."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield
    finally:
        torch.set_default_dtype(previous)


def resample(wav, orig, new):
    """torchaudio's default sinc resampler in float64 (its kernel takes the signal's dtype); the result is
    float32 like every signal the Java pipeline passes between stages."""
    return torchaudio.functional.resample(wav.double(), orig, new).float()


def cond_mel(wav22):
    """Conditioning log-mel of a float32 signal, computed in float64, cast to the graph's float32 input."""
    with float64_dsp():
        mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=22050, n_fft=2048, win_length=1024, hop_length=256, power=2, normalized=False,
            f_min=0, f_max=8000, n_mels=80, norm="slaney", mel_scale="htk", center=True,
            pad_mode="reflect")(wav22.double())
        return torch.log(torch.clamp(mel, min=1e-5)).float()


def speaker_mel(wav16):
    """Speaker mel power of a float32 signal, computed in float64, cast to the graph's float32 input."""
    with float64_dsp():
        x = F.pad(wav16.double().unsqueeze(1), (1, 0), "reflect")
        x = F.conv1d(x, torch.tensor([-0.97, 1.0]).view(1, 1, 2)).squeeze(1)
        return torchaudio.transforms.MelSpectrogram(
            sample_rate=16000, n_fft=512, win_length=400, hop_length=160, window_fn=torch.hamming_window,
            power=2, f_min=0, f_max=8000, n_mels=64, norm=None, mel_scale="htk", center=True,
            pad_mode="reflect")(x).float()


def greedy(gpt, voice_cond, full, penalty=5.0, limit=MAX_GEN_MEL_TOKENS, trace=False):
    """Greedy decode with the contract's loop (section 7.6): codes, latents [N, d], first logits."""
    cache = StaticCache(N_LAYER, N_HEAD, HEAD_DIM, COND_LEN + len(full) + 1 + MAX_GEN_MEL_TOKENS)
    out = gpt(voice_cond, torch.tensor([full]), torch.tensor([[START_AUDIO]]), torch.tensor([[0]]), *cache.inputs())
    cache.append(out[2:])
    latents = [out[1]]
    seen = {1, START_AUDIO}
    codes = []
    first_logits = out[0].clone()
    gaps = []
    while True:
        logits = out[0][0].clone()
        for s_ in seen:
            logits[s_] = logits[s_] / penalty if logits[s_] > 0 else logits[s_] * penalty
        c = int(torch.argmax(logits))
        if trace:
            others = logits.clone()
            others[STOP_AUDIO] = -float("inf")
            gaps.append(float(others.max() - logits[STOP_AUDIO]))
        if c == STOP_AUDIO:
            break
        codes.append(c)
        seen.add(c)
        if len(codes) == min(limit, MAX_GEN_MEL_TOKENS):
            break
        out = gpt(torch.zeros(1, 0, D_MODEL), torch.zeros(1, 0, dtype=torch.long), torch.tensor([[c]]),
                  torch.tensor([[len(codes)]]), *cache.inputs())
        cache.append(out[2:])
        latents.append(out[1])
    if trace:
        return gaps
    return codes, torch.cat(latents, dim=0), first_logits


def main(out_dir):
    torch.manual_seed(1234)
    np.random.seed(1234)
    os.makedirs(out_dir, exist_ok=True)
    gold_dir = os.path.join(out_dir, "goldens")
    os.makedirs(gold_dir, exist_ok=True)

    vocab = build_vocab()
    with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, indent=1)
    num_text = max(vocab["model"]["vocab"].values()) + 1
    start_text = vocab["model"]["vocab"]["[START]"]
    stop_text = vocab["model"]["vocab"]["[STOP]"]

    cond = ConditioningEncoder(80, D_MODEL).eval()
    spk = SpeakerEncoder(64, SPEAKER_DIM).eval()
    gpt = Gpt(num_text).eval()
    dec = HifiganDecoder().eval()
    greedy_text = [start_text] + bpe_encode(vocab, "[en]hello[SPACE]there.") + [stop_text]
    golden = {}
    with torch.no_grad():
        gs = torch.Generator().manual_seed(8)
        # DSP: a deterministic 0.6 s 44.1 kHz signal: two tones plus faint seeded noise.
        n = int(0.6 * 44100)
        t = torch.arange(n, dtype=torch.float64) / 44100
        sig = 0.5 * torch.sin(2 * math.pi * 220 * t) + 0.3 * torch.sin(2 * math.pi * 3100 * t)
        sig = sig + 0.01 * torch.randn(n, generator=gs, dtype=torch.float64)
        sig = sig.float().unsqueeze(0)
        write_f32(os.path.join(gold_dir, "signal_44k.f32"), sig)
        s22 = torch.clamp(resample(sig, 44100, 22050), -1, 1)
        write_f32(os.path.join(gold_dir, "signal_22k.f32"), s22)
        s16 = resample(s22, 22050, 16000)
        write_f32(os.path.join(gold_dir, "signal_16k.f32"), s16)
        cm = cond_mel(s22)                                  # [1, 80, T]
        write_f32(os.path.join(gold_dir, "cond_mel.f32"), cm)
        sm = speaker_mel(s16)                               # [1, 64, T]
        write_f32(os.path.join(gold_dir, "speaker_mel.f32"), sm)
        golden["signal_lengths"] = [sig.shape[1], s22.shape[1], s16.shape[1]]
        golden["cond_mel_shape"] = list(cm.shape)
        golden["speaker_mel_shape"] = list(sm.shape)

        # Cloning from that signal: one chunk (0.6 s < 4 s), and the speaker embedding.
        voice_cond = cond(cm)
        voice_spk = spk(sm)
        write_f32(os.path.join(gold_dir, "voice_cond.f32"), voice_cond)
        write_f32(os.path.join(gold_dir, "voice_speaker.f32"), voice_spk)

    with torch.no_grad():
        if BENCH:
            gpt.mel_head.bias[STOP_AUDIO] = -1000.0
        else:
            # The stop logit gets a bias so that greedy decoding with repetition penalty ends after a
            # few dozen codes instead of running to the 602-code limit. With the stop logit out of
            # reach the greedy path does not depend on it, so the bias is picked from one trace: the
            # gap g_k = max(other penalised logits) - stop logit at step k; stopping at step K needs
            # a bias above g_K and below every earlier gap.
            gpt.mel_head.bias[STOP_AUDIO] = -1000.0
            gaps = greedy(gpt, voice_cond, greedy_text, limit=80, trace=True)
            best = None
            for k in range(12, 61):
                earlier = min(gaps[:k])
                if gaps[k] < earlier and (best is None or earlier - gaps[k] > best[1] - best[2]):
                    best = (k, earlier, gaps[k])
            if best is None:
                raise SystemExit("no stop bias gives 12..60 codes; change the seed " + str([round(g, 2) for g in gaps]))
            gpt.mel_head.bias[STOP_AUDIO] = -1000.0 + (best[1] + best[2]) / 2

    cond_meta = common_meta("conditioning_encoder")
    cond_meta.update({"sample_rate": 22050, "n_fft": 2048, "win_length": 1024, "hop_length": 256, "n_mels": 80,
                      "f_min": 0, "f_max": 8000, "mel_scale": "htk", "mel_norm": "slaney", "window": "hann",
                      "center": 1, "pad_mode": "reflect", "power": 2, "log_clamp_min": 1e-05,
                      "cond_len": COND_LEN, "chunk_seconds": 4, "max_seconds": 30, "min_chunk_seconds": 0.33})
    export(cond, (torch.randn(1, 80, 50),), os.path.join(out_dir, "conditioning_encoder.onnx"),
           ["mel"], ["cond_latents"], {"mel": {2: "frames"}}, cond_meta)

    spk_meta = common_meta("speaker_encoder")
    spk_meta.update({"sample_rate": 16000, "n_fft": 512, "win_length": 400, "hop_length": 160, "n_mels": 64,
                     "f_min": 0, "f_max": 8000, "mel_scale": "htk", "mel_norm": "none", "window": "hamming",
                     "center": 1, "pad_mode": "reflect", "power": 2, "preemphasis": 0.97,
                     "speaker_dim": SPEAKER_DIM})
    export(spk, (torch.rand(1, 64, 120) + 0.01,), os.path.join(out_dir, "speaker_encoder.onnx"),
           ["mel"], ["speaker_embedding"], {"mel": {2: "frames"}}, spk_meta)

    gpt_meta = contract_gpt_meta(common_meta("gpt"), n_layer=N_LAYER, n_head=N_HEAD, head_dim=HEAD_DIM,
                                 num_audio_tokens=NUM_AUDIO_TOKENS, start_audio_token=START_AUDIO,
                                 stop_audio_token=STOP_AUDIO, num_text_tokens=num_text, start_text_token=start_text,
                                 stop_text_token=stop_text, max_text_tokens=MAX_TEXT_TOKENS,
                                 max_mel_tokens=MAX_MEL_TOKENS, max_gen_mel_tokens=MAX_GEN_MEL_TOKENS,
                                 text_pos_rows=TEXT_POS_ROWS, mel_pos_rows=MEL_POS_ROWS, cond_len=COND_LEN,
                                 code_stride_len=1024)
    in_names, out_names, axes, cache = gpt_io(N_LAYER, N_HEAD, HEAD_DIM)
    example = (torch.randn(1, COND_LEN, D_MODEL), torch.tensor([[start_text, 5, 6, stop_text]]),
               torch.tensor([[7]]), torch.tensor([[2]]), *cache)
    export(gpt, example, os.path.join(out_dir, "gpt.onnx"), in_names, out_names, axes, gpt_meta)

    dec_meta = common_meta("hifigan_decoder")
    dec_meta.update({"speaker_dim": SPEAKER_DIM, "input_sample_rate": 22050, "output_sample_rate": 24000,
                     "code_stride_len": 1024, "output_hop_length": 256, "samples_per_frame": 256,
                     "stream_context_frames": 16, "stream_lookahead_frames": 12})
    export(dec, (torch.randn(1, D_MODEL, 20), F.normalize(torch.randn(1, SPEAKER_DIM, 1), dim=1)),
           os.path.join(out_dir, "hifigan_decoder.onnx"), ["frames", "speaker_embedding"], ["waveform"],
           {"frames": {2: "frames"}, "waveform": {1: "samples"}}, dec_meta)

    manifest = {
        "contract": "xtts-onnx", "contract_version": 1, "model": "xtts_v2_tiny", "model_version": "0.0.1",
        "files": {"tokenizer": "vocab.json", "conditioning_encoder": "conditioning_encoder.onnx",
                  "speaker_encoder": "speaker_encoder.onnx", "gpt": "gpt.onnx",
                  "hifigan_decoder": "hifigan_decoder.onnx", "speakers": "speakers.json"},
        "languages": LANGS,
        # A benchmark model takes 2,500 English characters in one request, so that the first-chunk benchmark can
        # stream a 2,000-character text through TtsClient.stream (XTTS-v2's 250 would have the router refuse it).
        "char_limits": {"en": 2500 if BENCH else 250, "es": 239, "fr": 273, "de": 253, "ru": 182},
        "sampling_defaults": {"temperature": 0.75, "top_k": 50, "top_p": 0.85, "repetition_penalty": 5.0,
                              "do_sample": True},
        "cloning_defaults": {"max_ref_seconds": 30, "gpt_cond_seconds": 30, "gpt_cond_chunk_seconds": 4,
                             "min_chunk_seconds": 0.33, "sound_norm_refs": False},
        "stream_defaults": {"first_chunk_codes": 8, "chunk_codes": 16, "context_frames": 16,
                            "lookahead_frames": 12},
        "exporter_note": "unknown fields are ignored",
    }
    with open(os.path.join(out_dir, "xtts.json"), "w") as f:
        json.dump(manifest, f, indent=1)

    # Built-in speakers: two random voices.
    names = ["Tiny Alice", "Tiny Bob"]
    records = []
    for _ in names:
        c = cond(torch.randn(1, 80, 40)).detach().numpy().reshape(-1)
        s = spk(torch.rand(1, 64, 60) + 0.01).detach().numpy().reshape(-1)
        records.append(np.concatenate([c, s]))
    write_f32(os.path.join(out_dir, "speakers.bin"), np.concatenate(records))
    with open(os.path.join(out_dir, "speakers.json"), "w") as f:
        json.dump({"data": "speakers.bin", "dtype": "float32", "byte_order": "little", "cond_len": COND_LEN,
                   "d_model": D_MODEL, "speaker_dim": SPEAKER_DIM, "names": names}, f, indent=1)

    if BENCH:
        return
    with torch.no_grad():
        # Graph-level goldens on seeded random inputs of shapes other than the export's.
        g = torch.Generator().manual_seed(7)
        logmel = torch.randn(1, 80, 40, generator=g) * 2 - 4
        write_f32(os.path.join(gold_dir, "cond_in.f32"), logmel)
        write_f32(os.path.join(gold_dir, "cond_out.f32"), cond(logmel))
        spkmel = torch.rand(1, 64, 90, generator=g) * 3 + 0.001
        write_f32(os.path.join(gold_dir, "spk_in.f32"), spkmel)
        write_f32(os.path.join(gold_dir, "spk_out.f32"), spk(spkmel))
        golden["cond_in_shape"] = [1, 80, 40]
        golden["spk_in_shape"] = [1, 64, 90]

        # The same signal as a 16-bit WAV would change it; the Java test feeds the float signal.

        # Tokenizer goldens.
        samples = ["[en]hello,[SPACE]world!", "[en]the[SPACE]thing[SPACE]is[SPACE]there.",
                   "[fr]où[SPACE]êtes-vous?", "[de]straße[SPACE]€5", "[ru]привет[SPACE]мир",
                   "[en]x[UNK]y[STOP]z", "[en]abc  def\tghi", "[es]¿qué?[SPACE]ñandú"]
        golden["tokenizer"] = [{"text": s, "ids": bpe_encode(vocab, s)} for s in samples]

        # Greedy decode with repetition penalty 5 for a fixed text and the cloned voice.
        full = greedy_text
        codes, lat, first_logits = greedy(gpt, voice_cond, full)
        golden["greedy_text_ids"] = full
        golden["greedy_codes"] = codes
        golden["latents_shape"] = list(lat.shape)
        write_f32(os.path.join(gold_dir, "first_logits.f32"), first_logits)
        write_f32(os.path.join(gold_dir, "latents.f32"), lat)
        x = lat.t().unsqueeze(0)                            # [1, d, N]
        x = interp(x, 4.0)
        x = interp(x, 24000 / 22050)
        write_f32(os.path.join(gold_dir, "frames.f32"), x)
        golden["frames_shape"] = list(x.shape)
        wav = dec(x, voice_spk)
        write_f32(os.path.join(gold_dir, "waveform.f32"), wav)
        golden["waveform_samples"] = wav.shape[1]
        golden["waveform_abs_sum"] = float(wav.abs().sum())
        # Speed 1.5: frames through the speed stage too.
        xs = interp(interp(interp(lat.t().unsqueeze(0), 1 / 1.5), 4.0), 24000 / 22050)
        golden["frames_speed_1_5"] = xs.shape[2]

        # Interpolation identity shortcut and lengths for a few N (torch semantics).
        golden["interp_lengths"] = {}
        for nn_ in (1, 2, 10, 11, 12, 25, 40):
            y = interp(interp(torch.zeros(1, 1, nn_), 4.0), 24000 / 22050)
            golden["interp_lengths"][str(nn_)] = y.shape[2]

    with open(os.path.join(gold_dir, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
    total = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(out_dir) for fn in fns)
    print("codes", len(codes), codes[:10], "total bytes", total)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/tiny-xtts")
