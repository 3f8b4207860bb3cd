#!/usr/bin/python3
"""Converts an official XTTS-v2 checkpoint into an xtts-onnx v1 model directory.

    /usr/bin/python3 tools/export_xtts.py --checkpoint model.pth --config config.json \\
        --vocab vocab.json [--speakers speakers_xtts.pth] [--license LICENSE] --out xtts-v2-onnx

Follows specs/xtts-onnx-v1.md, section 9: the state-dict keys of section 9.2 are loaded strictly
into modules written for export (hand-written GPT-2 blocks with HF's Conv1D weight layout, weight
norm folded, attention without scaled_dot_product_attention over a static KV cache whose keys stay
transposed), each component is exported with opset 17 and the I/O names of section 6, and every
graph gets the section 5 metadata. Directories exported before the static cache (GPT inputs
past_key.N) are refused by the Java adapter with a request to run this script again.

Status: checked on tiny checkpoints that use the real key names (tools/test_export_xtts.py); a
real-weight export still has to pass the parity gates of section 9.3 on a machine with coqui-tts.
"""
import argparse
import json
import math
import os
import shutil
import sys

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

from xtts_contract import cached_attention, common_meta as contract_meta, export as contract_export, gelu_new, gpt_io, \
    gpt_meta as contract_gpt_meta

COMMENT = "exported from an XTTS-v2 checkpoint by ttskit tools/export_xtts.py"


# ----------------------------------------------------------------------------------------------
# GPT: HF GPT-2 blocks (Conv1D weights stored [in, out]) with the XTTS embeddings and heads
# ----------------------------------------------------------------------------------------------

class Conv1D(nn.Module):
    """HF's Conv1D: a linear layer whose weight is stored [in, out]."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return x @ self.weight + self.bias


class GptAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = Conv1D(d, 3 * d)
        self.c_proj = Conv1D(d, d)

    def forward(self, x, past_len, cache_k, cache_v):
        b, s, d = x.shape
        hd = d // self.heads
        q, k, v = self.c_attn(x).split(d, dim=2)
        q = q.view(b, s, self.heads, hd).transpose(1, 2)
        k = k.view(b, s, self.heads, hd).transpose(1, 2)
        v = v.view(b, s, self.heads, hd).transpose(1, 2)
        y, k_t = cached_attention(q, k, v, past_len, cache_k, cache_v)
        return self.c_proj(y.transpose(1, 2).reshape(b, s, d)), k_t, v


class GptMlp(nn.Module):
    def __init__(self, d, inner):
        super().__init__()
        self.c_fc = Conv1D(d, inner)
        self.c_proj = Conv1D(inner, d)

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class GptBlock(nn.Module):
    def __init__(self, d, heads, eps):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d, eps=eps)
        self.attn = GptAttention(d, heads)
        self.ln_2 = nn.LayerNorm(d, eps=eps)
        self.mlp = GptMlp(d, 4 * d)

    def forward(self, x, past_len, cache_k, cache_v):
        a, k, v = self.attn(self.ln_1(x), past_len, cache_k, cache_v)
        x = x + a
        return x + self.mlp(self.ln_2(x)), k, v


class Gpt2(nn.Module):
    def __init__(self, d, heads, layers, eps):
        super().__init__()
        self.h = nn.ModuleList([GptBlock(d, heads, eps) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d, eps=eps)


class PosEmbedding(nn.Module):
    def __init__(self, rows, d):
        super().__init__()
        self.emb = nn.Embedding(rows, d)


class XttsGpt(nn.Module):
    """Parameter names match the checkpoint's under the prefix 'gpt.' (embeddings, gpt, final_norm, mel_head)."""

    def __init__(self, d, heads, layers, num_text, num_audio, text_rows, mel_rows, eps=1e-5):
        super().__init__()
        self.text_embedding = nn.Embedding(num_text, d)
        self.mel_embedding = nn.Embedding(num_audio, d)
        self.text_pos_embedding = PosEmbedding(text_rows, d)
        self.mel_pos_embedding = PosEmbedding(mel_rows, d)
        self.gpt = Gpt2(d, heads, layers, eps)
        self.final_norm = nn.LayerNorm(d, eps=eps)
        self.mel_head = nn.Linear(d, num_audio)

    def forward(self, cond_latents, text_ids, audio_ids, audio_pos, past_len, *cache):
        t = text_ids.shape[1]
        text = self.text_embedding(text_ids) + self.text_pos_embedding.emb(torch.arange(t).unsqueeze(0))
        mel = self.mel_embedding(audio_ids) + self.mel_pos_embedding.emb(audio_pos)
        x = torch.cat([cond_latents, text, mel], dim=1)
        presents = []
        for i, block in enumerate(self.gpt.h):
            x, k, v = block(x, past_len, cache[2 * i], cache[2 * i + 1])
            presents += [k, v]
        h = self.final_norm(self.gpt.ln_f(x))[:, -1, :]
        return (self.mel_head(h), h, *presents)


# ----------------------------------------------------------------------------------------------
# Conditioning encoder (tortoise-style attention blocks) and perceiver resampler
# ----------------------------------------------------------------------------------------------

def group_count(channels):
    groups = 32
    if channels <= 16:
        groups = 8
    elif channels <= 64:
        groups = 16
    while channels % groups != 0:
        groups = groups // 2
    return groups


class CondAttentionBlock(nn.Module):
    """GroupNorm, QKV attention over time, projection; returns x_norm + h (not x + h)."""

    def __init__(self, channels, heads):
        super().__init__()
        self.heads = heads
        self.norm = nn.GroupNorm(group_count(channels), channels)
        self.qkv = nn.Conv1d(channels, 3 * channels, 1)
        self.proj_out = nn.Conv1d(channels, channels, 1)

    def forward(self, x):
        b, c, t = x.shape
        x = self.norm(x)
        qkv = self.qkv(x)
        ch = c // self.heads
        q, k, v = qkv.reshape(b * self.heads, 3 * ch, t).split(ch, dim=1)
        scale = 1 / math.sqrt(math.sqrt(ch))
        w = torch.softmax(torch.einsum("bct,bcs->bts", q * scale, k * scale), dim=-1)
        h = torch.einsum("bts,bcs->bct", w, v).reshape(b, c, t)
        return x + self.proj_out(h)


class ConditioningEncoder(nn.Module):
    def __init__(self, n_mels, d, blocks, heads):
        super().__init__()
        self.init = nn.Conv1d(n_mels, d, 1)
        self.attn = nn.Sequential(*[CondAttentionBlock(d, heads) for _ in range(blocks)])

    def forward(self, x):
        return self.attn(self.init(x))


class PerceiverAttention(nn.Module):
    def __init__(self, d, dim_head, heads):
        super().__init__()
        self.heads = heads
        self.dim_head = dim_head
        self.to_q = nn.Linear(d, dim_head * heads, bias=False)
        self.to_kv = nn.Linear(d, 2 * dim_head * heads, bias=False)
        self.to_out = nn.Linear(dim_head * heads, d, bias=False)

    def forward(self, latents, context):
        context = torch.cat([latents, context], dim=1)       # the context includes the queries
        b, n, _ = latents.shape
        q = self.to_q(latents)
        k, v = self.to_kv(context).chunk(2, dim=-1)
        split = lambda t: t.reshape(b, t.shape[1], self.heads, self.dim_head).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        w = torch.softmax((q @ k.transpose(2, 3)) * self.dim_head ** -0.5, dim=-1)
        out = (w @ v).transpose(1, 2).reshape(b, n, self.heads * self.dim_head)
        return self.to_out(out)


class GegluFeedForward(nn.Sequential):
    """Indices 0 and 2 hold the linear layers, as in the checkpoint (index 1 is the GEGLU)."""

    def __init__(self, d, mult):
        inner = int(d * mult * 2 / 3)
        super().__init__(nn.Linear(d, 2 * inner), nn.Identity(), nn.Linear(inner, d))

    def forward(self, x):
        a, gate = self[0](x).chunk(2, dim=-1)
        return self[2](F.gelu(gate) * a)


class RMSNorm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.scale = d ** 0.5
        self.gamma = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return F.normalize(x, dim=-1) * self.scale * self.gamma


class PerceiverResampler(nn.Module):
    def __init__(self, d, depth, num_latents, dim_head, heads, ff_mult):
        super().__init__()
        self.latents = nn.Parameter(torch.zeros(num_latents, d))
        self.layers = nn.ModuleList([nn.ModuleList([PerceiverAttention(d, dim_head, heads), GegluFeedForward(d, ff_mult)])
                                     for _ in range(depth)])
        self.norm = RMSNorm(d)

    def forward(self, context):
        latents = self.latents.unsqueeze(0).expand(context.shape[0], -1, -1)
        for attn, ff in self.layers:
            latents = attn(latents, context) + latents
            latents = ff(latents) + latents
        return self.norm(latents)


class ConditioningGraph(nn.Module):
    """log-mel chunk [1, n_mels, T] to cond latents [1, cond_len, d]; divides by mel_stats inside."""

    def __init__(self, n_mels, d, blocks, heads, num_latents, dim_head, perceiver_heads, ff_mult, depth):
        super().__init__()
        self.register_buffer("mel_stats", torch.ones(n_mels))
        self.conditioning_encoder = ConditioningEncoder(n_mels, d, blocks, heads)
        self.conditioning_perceiver = PerceiverResampler(d, depth, num_latents, dim_head, perceiver_heads, ff_mult)

    def forward(self, mel):
        x = self.conditioning_encoder(mel / self.mel_stats.view(1, -1, 1))
        return self.conditioning_perceiver(x.permute(0, 2, 1))


# ----------------------------------------------------------------------------------------------
# Speaker encoder (ResNet with squeeze-excitation and attentive statistics pooling)
# ----------------------------------------------------------------------------------------------

class SELayer(nn.Module):
    def __init__(self, channels, reduction=8):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(channels, channels // reduction), nn.ReLU(),
                                nn.Linear(channels // reduction, channels), nn.Sigmoid())

    def forward(self, x):
        y = self.fc(x.mean(dim=(2, 3)))
        return x * y.unsqueeze(-1).unsqueeze(-1)


class SEBasicBlock(nn.Module):
    def __init__(self, cin, cout, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.se = SELayer(cout)
        self.downsample = downsample

    def forward(self, x):
        out = self.bn1(F.relu(self.conv1(x)))                # ReLU before the norm, as the checkpoint was trained
        out = self.se(self.bn2(self.conv2(out)))
        residual = x if self.downsample is None else self.downsample(x)
        return F.relu(out + residual)


class SpeakerGraph(nn.Module):
    """Mel power [1, n_mels, T] to an L2-normalised embedding [1, proj_dim, 1]."""

    def __init__(self, n_mels, proj_dim, layers, filters):
        super().__init__()
        self.instancenorm = nn.InstanceNorm1d(n_mels)
        self.conv1 = nn.Conv2d(1, filters[0], 3, padding=1)
        self.bn1 = nn.BatchNorm2d(filters[0])
        cin = filters[0]
        for i, (n, f) in enumerate(zip(layers, filters)):
            stride = 1 if i == 0 else 2
            down = None
            if stride != 1 or cin != f:
                down = nn.Sequential(nn.Conv2d(cin, f, 1, stride=stride, bias=False), nn.BatchNorm2d(f))
            blocks = [SEBasicBlock(cin, f, stride, down)] + [SEBasicBlock(f, f) for _ in range(1, n)]
            setattr(self, "layer%d" % (i + 1), nn.Sequential(*blocks))
            cin = f
        outmap = filters[-1] * (n_mels // 8)
        self.attention = nn.Sequential(nn.Conv1d(outmap, 128, 1), nn.ReLU(), nn.BatchNorm1d(128),
                                       nn.Conv1d(128, outmap, 1), nn.Softmax(dim=2))
        self.fc = nn.Linear(2 * outmap, proj_dim)

    def forward(self, mel):
        x = self.instancenorm(torch.log(mel + 1e-6)).unsqueeze(1)
        x = self.bn1(F.relu(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = x.reshape(x.shape[0], -1, x.shape[-1])
        w = self.attention(x)
        mu = torch.sum(x * w, dim=2)
        sg = torch.sqrt((torch.sum((x ** 2) * w, dim=2) - mu ** 2).clamp(min=1e-5))
        e = self.fc(torch.cat([mu, sg], dim=1))
        return F.normalize(e, p=2.0, dim=1).unsqueeze(-1)


# ----------------------------------------------------------------------------------------------
# HiFi-GAN decoder (weight norm folded before loading)
# ----------------------------------------------------------------------------------------------

class ResBlock1(nn.Module):
    def __init__(self, ch, k, dilations):
        super().__init__()
        self.convs1 = nn.ModuleList([nn.Conv1d(ch, ch, k, dilation=d, padding=(k * d - d) // 2) for d in dilations])
        self.convs2 = nn.ModuleList([nn.Conv1d(ch, ch, k, padding=(k - 1) // 2) for _ in dilations])

    def forward(self, x):
        for c1, c2 in zip(self.convs1, self.convs2):
            x = x + c2(F.leaky_relu(c1(F.leaky_relu(x, 0.1)), 0.1))
        return x


class HifiganGraph(nn.Module):
    def __init__(self, d, speaker_dim, initial, rates, kernels, res_kernels, res_dilations):
        super().__init__()
        self.conv_pre = nn.Conv1d(d, initial, 7, padding=3)
        self.cond_layer = nn.Conv1d(speaker_dim, initial, 1)
        self.ups = nn.ModuleList()
        self.conds = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        ch = initial
        for i, (u, k) in enumerate(zip(rates, kernels)):
            ch = initial // (2 ** (i + 1))
            self.ups.append(nn.ConvTranspose1d(initial // (2 ** i), ch, k, u, padding=(k - u) // 2))
            self.conds.append(nn.Conv1d(speaker_dim, ch, 1))
            for rk, rd in zip(res_kernels, res_dilations):
                self.resblocks.append(ResBlock1(ch, rk, rd))
        self.conv_post = nn.Conv1d(ch, 1, 7, padding=3, bias=False)
        self.num_kernels = len(res_kernels)

    def forward(self, frames, speaker_embedding):
        o = self.conv_pre(frames) + self.cond_layer(speaker_embedding)
        for i, up in enumerate(self.ups):
            o = up(F.leaky_relu(o, 0.1)) + self.conds[i](speaker_embedding)
            z = sum(self.resblocks[i * self.num_kernels + j](o) for j in range(self.num_kernels))
            o = z / self.num_kernels
        return torch.tanh(self.conv_post(F.leaky_relu(o, 0.01))).squeeze(1)


# ----------------------------------------------------------------------------------------------
# State dict handling
# ----------------------------------------------------------------------------------------------

def fold_weight_norm(state):
    """w = g * v / ||v|| (norm over every dimension but 0), for both naming styles of weight norm."""
    out = {}
    pairs = {}
    for k, v in state.items():
        if k.endswith(".weight_g") or k.endswith(".parametrizations.weight.original0"):
            base = k[: -len(".weight_g")] if k.endswith(".weight_g") else k[: -len(".parametrizations.weight.original0")]
            pairs.setdefault(base, {})["g"] = v
        elif k.endswith(".weight_v") or k.endswith(".parametrizations.weight.original1"):
            base = k[: -len(".weight_v")] if k.endswith(".weight_v") else k[: -len(".parametrizations.weight.original1")]
            pairs.setdefault(base, {})["v"] = v
        else:
            out[k] = v
    for base, gv in pairs.items():
        if "g" not in gv or "v" not in gv:
            raise SystemExit("weight norm of %s is incomplete" % base)
        v = gv["v"].float()
        norm = v.reshape(v.shape[0], -1).norm(dim=1).reshape([-1] + [1] * (v.dim() - 1))
        out[base + ".weight"] = gv["g"].float().reshape(norm.shape) * v / norm
    return out


def section(state, prefix, drop=()):
    """The entries under a prefix, prefix removed; keys ending in one of `drop` are skipped."""
    out = {}
    for k, v in state.items():
        if k.startswith(prefix) and not any(k.endswith(d) for d in drop):
            out[k[len(prefix):]] = v
    return out


def load_strict(module, state, what):
    missing, unexpected = module.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit("%s: the checkpoint does not fit (missing %s, unexpected %s)" % (what, missing[:8], unexpected[:8]))


def common_meta(graph, d):
    return contract_meta(graph, d, COMMENT)


def export(module, args, path, inputs, outputs, axes, meta):
    contract_export(module, args, path, inputs, outputs, axes, meta, "ttskit-export-xtts")


def model_args(config):
    a = config.get("model_args", config)
    return {
        "layers": a.get("gpt_layers", 30), "d": a.get("gpt_n_model_channels", 1024), "heads": a.get("gpt_n_heads", 16),
        "num_audio": a.get("gpt_num_audio_tokens", 1026), "start_audio": a.get("gpt_start_audio_token", 1024),
        "stop_audio": a.get("gpt_stop_audio_token", 1025), "max_text": a.get("gpt_max_text_tokens", 402),
        "max_audio": a.get("gpt_max_audio_tokens", 605), "code_stride": a.get("gpt_code_stride_len", 1024),
        "input_sr": a.get("input_sample_rate", 22050), "output_sr": a.get("output_sample_rate", 24000),
        "hop": a.get("output_hop_length", 256), "speaker_dim": a.get("d_vector_dim", 512),
        # Architecture constants of XTTS-v2 that its config does not carry; the tiny test overrides them.
        "cond_blocks": a.get("ttskit_cond_blocks", 6), "num_latents": a.get("ttskit_num_latents", 32),
        "perceiver_dim_head": a.get("ttskit_perceiver_dim_head", 64), "perceiver_heads": a.get("ttskit_perceiver_heads", 8),
        "perceiver_depth": a.get("ttskit_perceiver_depth", 2),
        "spk_layers": a.get("ttskit_speaker_layers", [3, 4, 6, 3]), "spk_filters": a.get("ttskit_speaker_filters", [32, 64, 128, 256]),
        "hifi_initial": a.get("ttskit_hifigan_initial_channel", 512),
        "hifi_rates": a.get("ttskit_hifigan_upsample_rates", [8, 8, 2, 2]),
        "hifi_kernels": a.get("ttskit_hifigan_upsample_kernels", [16, 16, 4, 4]),
        "res_kernels": a.get("ttskit_hifigan_resblock_kernels", [3, 7, 11]),
        "res_dilations": a.get("ttskit_hifigan_resblock_dilations", [[1, 3, 5], [1, 3, 5], [1, 3, 5]]),
    }


def load_modules(state, m):
    """The four export modules with the checkpoint's weights (strict: every key must fit)."""
    if isinstance(state, dict) and "model" in state and isinstance(state["model"], dict):
        state = state["model"]
    state = fold_weight_norm({k: v for k, v in state.items() if torch.is_tensor(v)})
    d, heads, layers = m["d"], m["heads"], m["layers"]
    if state["gpt.text_embedding.weight"].shape[1] != d:
        raise SystemExit("config width %d differs from the checkpoint's %d" % (d, state["gpt.text_embedding.weight"].shape[1]))
    if state["gpt.mel_embedding.weight"].shape[0] != m["num_audio"]:
        raise SystemExit("the checkpoint has %d audio tokens, the config %d" % (state["gpt.mel_embedding.weight"].shape[0], m["num_audio"]))
    if "gpt.conditioning_perceiver.latents" not in state:
        raise SystemExit("the checkpoint has no perceiver resampler: not an XTTS-v2 checkpoint")
    found_layers = len({k.split(".")[3] for k in state if k.startswith("gpt.gpt.h.")})
    if found_layers != layers:
        raise SystemExit("the checkpoint has %d GPT layers, the config %d" % (found_layers, layers))
    text_rows = state["gpt.text_pos_embedding.emb.weight"].shape[0]
    mel_rows = state["gpt.mel_pos_embedding.emb.weight"].shape[0]

    gpt = XttsGpt(d, heads, layers, state["gpt.text_embedding.weight"].shape[0], m["num_audio"], text_rows, mel_rows)
    gpt_state = {k: v for k, v in section(state, "gpt.", drop=(".attn.bias", ".attn.masked_bias")).items()
                 if k.split(".")[0] in ("text_embedding", "mel_embedding", "text_pos_embedding", "mel_pos_embedding",
                                        "final_norm", "mel_head") or k.startswith("gpt.h.") or k.startswith("gpt.ln_f.")}
    load_strict(gpt, gpt_state, "gpt")

    cond = ConditioningGraph(80, d, m["cond_blocks"], heads, m["num_latents"], m["perceiver_dim_head"],
                             m["perceiver_heads"], 4, m["perceiver_depth"])
    cond_state = {"mel_stats": state["mel_stats"]}
    cond_state.update({"conditioning_encoder." + k: v for k, v in section(state, "gpt.conditioning_encoder.").items()})
    cond_state.update({"conditioning_perceiver." + k: v for k, v in section(state, "gpt.conditioning_perceiver.").items()})
    load_strict(cond, cond_state, "conditioning encoder")

    spk = SpeakerGraph(64, m["speaker_dim"], m["spk_layers"], m["spk_filters"])
    load_strict(spk, section(state, "hifigan_decoder.speaker_encoder.", drop=("torch_spec.1.spectrogram.window",
                                                                             "torch_spec.1.mel_scale.fb", "torch_spec.0.filter")),
                "speaker encoder")

    dec = HifiganGraph(d, m["speaker_dim"], m["hifi_initial"], m["hifi_rates"], m["hifi_kernels"], m["res_kernels"], m["res_dilations"])
    load_strict(dec, section(state, "hifigan_decoder.waveform_decoder."), "HiFi-GAN decoder")
    return gpt.eval(), cond.eval(), spk.eval(), dec.eval()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--vocab", required=True)
    ap.add_argument("--speakers")
    ap.add_argument("--license")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    with open(args.config) as f:
        config = json.load(f)
    m = model_args(config)
    with open(args.vocab, encoding="utf-8") as f:
        vocab = json.load(f)
    ids = dict(vocab["model"]["vocab"])
    for t in vocab.get("added_tokens", []):
        ids[t["content"]] = t["id"]
    num_text = max(ids.values()) + 1
    languages = config.get("languages") or ["en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar",
                                            "zh-cn", "hu", "ko", "ja", "hi"]
    missing_tags = [l for l in languages if "[%s]" % l not in ids]
    if missing_tags:
        raise SystemExit("the vocabulary has no tokens for languages %s" % missing_tags)

    state = torch.load(args.checkpoint, map_location="cpu")
    gpt, cond, spk, dec = load_modules(state, m)
    d, heads, layers = m["d"], m["heads"], m["layers"]
    text_rows = gpt.text_pos_embedding.emb.num_embeddings
    mel_rows = gpt.mel_pos_embedding.emb.num_embeddings
    os.makedirs(args.out, exist_ok=True)

    cond_meta = common_meta("conditioning_encoder", d)
    cond_meta.update({"sample_rate": m["input_sr"], "n_fft": 2048, "win_length": 1024, "hop_length": 256, "n_mels": 80,
                      "f_min": 0, "f_max": 8000, "mel_scale": "htk", "mel_norm": "slaney", "window": "hann", "center": 1,
                      "pad_mode": "reflect", "power": 2, "log_clamp_min": 1e-05, "cond_len": m["num_latents"],
                      "chunk_seconds": 4, "max_seconds": 30, "min_chunk_seconds": 0.33})
    export(cond, (torch.randn(1, 80, 50),), os.path.join(args.out, "conditioning_encoder.onnx"),
           ["mel"], ["cond_latents"], {"mel": {2: "frames"}}, cond_meta)

    spk_meta = common_meta("speaker_encoder", d)
    spk_meta.update({"sample_rate": 16000, "n_fft": 512, "win_length": 400, "hop_length": 160, "n_mels": 64,
                     "f_min": 0, "f_max": 8000, "mel_scale": "htk", "mel_norm": "none", "window": "hamming", "center": 1,
                     "pad_mode": "reflect", "power": 2, "preemphasis": 0.97, "speaker_dim": m["speaker_dim"]})
    export(spk, (torch.rand(1, 64, 120) + 0.01,), os.path.join(args.out, "speaker_encoder.onnx"),
           ["mel"], ["speaker_embedding"], {"mel": {2: "frames"}}, spk_meta)

    hd = d // heads
    gpt_meta = contract_gpt_meta(common_meta("gpt", d), n_layer=layers, n_head=heads, head_dim=hd,
                                 num_audio_tokens=m["num_audio"], start_audio_token=m["start_audio"],
                                 stop_audio_token=m["stop_audio"], num_text_tokens=num_text,
                                 start_text_token=ids["[START]"], stop_text_token=ids["[STOP]"],
                                 max_text_tokens=m["max_text"], max_mel_tokens=m["max_audio"],
                                 max_gen_mel_tokens=m["max_audio"] - 3, text_pos_rows=text_rows,
                                 mel_pos_rows=mel_rows, cond_len=m["num_latents"], code_stride_len=m["code_stride"])
    in_names, out_names, axes, cache = gpt_io(layers, heads, hd)
    example = (torch.randn(1, m["num_latents"], d), torch.tensor([[ids["[START]"], 5, 6, ids["[STOP]"]]]),
               torch.tensor([[7]]), torch.tensor([[2]]), *cache)
    export(gpt, example, os.path.join(args.out, "gpt.onnx"), in_names, out_names, axes, gpt_meta)

    dec_meta = common_meta("hifigan_decoder", d)
    dec_meta.update({"speaker_dim": m["speaker_dim"], "input_sample_rate": m["input_sr"], "output_sample_rate": m["output_sr"],
                     "code_stride_len": m["code_stride"], "output_hop_length": m["hop"], "samples_per_frame": m["hop"],
                     "stream_context_frames": 16, "stream_lookahead_frames": 12})
    export(dec, (torch.randn(1, d, 20), F.normalize(torch.randn(1, m["speaker_dim"], 1), dim=1)),
           os.path.join(args.out, "hifigan_decoder.onnx"), ["frames", "speaker_embedding"], ["waveform"],
           {"frames": {2: "frames"}, "waveform": {1: "samples"}}, dec_meta)

    shutil.copyfile(args.vocab, os.path.join(args.out, "vocab.json"))
    files = {"tokenizer": "vocab.json", "conditioning_encoder": "conditioning_encoder.onnx",
             "speaker_encoder": "speaker_encoder.onnx", "gpt": "gpt.onnx", "hifigan_decoder": "hifigan_decoder.onnx"}
    if args.speakers:
        write_speakers(torch.load(args.speakers, map_location="cpu"), args.out, m["num_latents"], d, m["speaker_dim"])
        files["speakers"] = "speakers.json"
    if args.license:
        shutil.copyfile(args.license, os.path.join(args.out, "LICENSE"))
    limits = {"en": 250, "de": 253, "fr": 273, "es": 239, "it": 213, "pt": 203, "pl": 224, "zh": 82, "ar": 166, "cs": 186,
              "ru": 182, "nl": 251, "tr": 226, "ja": 71, "hu": 224, "ko": 95, "hi": 150}
    manifest = {
        "contract": "xtts-onnx", "contract_version": 1, "model": "xtts_v2",
        "model_version": str(config.get("model_version", config.get("version", "2.0.3"))),
        "files": files, "languages": languages,
        "char_limits": {l.split("-")[0]: limits.get(l.split("-")[0], 250) for l in languages},
        "sampling_defaults": {"temperature": config.get("temperature", 0.75), "top_k": config.get("top_k", 50),
                              "top_p": config.get("top_p", 0.85), "repetition_penalty": config.get("repetition_penalty", 5.0),
                              "do_sample": True},
        "cloning_defaults": {"max_ref_seconds": config.get("max_ref_len", 30), "gpt_cond_seconds": config.get("gpt_cond_len", 30),
                             "gpt_cond_chunk_seconds": config.get("gpt_cond_chunk_len", 4), "min_chunk_seconds": 0.33,
                             "sound_norm_refs": False},
        "stream_defaults": {"first_chunk_codes": 8, "chunk_codes": 16, "context_frames": 16, "lookahead_frames": 12},
    }
    with open(os.path.join(args.out, "xtts.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("wrote", args.out)


def write_speakers(speakers, out, cond_len, d, speaker_dim):
    """speakers_xtts.pth: name -> {gpt_cond_latent [1, 32, d], speaker_embedding [1, dim, 1]}."""
    import numpy as np
    names = sorted(speakers.keys())
    records = []
    for n in names:
        c = speakers[n]["gpt_cond_latent"].float().reshape(-1).numpy()
        s = speakers[n]["speaker_embedding"].float().reshape(-1).numpy()
        if c.size != cond_len * d or s.size != speaker_dim:
            raise SystemExit("speaker %r has latents of %d and an embedding of %d values" % (n, c.size, s.size))
        records.append(np.concatenate([c, s]))
    np.concatenate(records).astype("<f4").tofile(os.path.join(out, "speakers.bin"))
    with open(os.path.join(out, "speakers.json"), "w") as f:
        json.dump({"data": "speakers.bin", "dtype": "float32", "byte_order": "little", "cond_len": cond_len,
                   "d_model": d, "speaker_dim": speaker_dim, "names": names}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
