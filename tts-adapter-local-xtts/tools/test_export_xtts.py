#!/usr/bin/python3
"""Tests export_xtts.py on a tiny checkpoint that uses the real XTTS-v2 state-dict key names.

    /usr/bin/python3 tools/test_export_xtts.py [OUT_DIR]

The checkpoint is written from randomly initialised export modules under the checkpoint's own
prefixes, with weight norm split back into g/v (both naming styles), HF attention buffers and keys
the exporter must ignore (DVAE, text head). The test then checks that the exporter loads every key
strictly and reproduces the original modules' outputs, and that the exported directory has the
contract's files, graph I/O names and metadata. With OUT_DIR the exported directory is kept there
(the Java tests load such a directory).
"""
import json
import os
import sys
import tempfile

import onnx
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_xtts as ex  # noqa: E402
from make_tiny_model import build_vocab  # noqa: E402
from xtts_contract import StaticCache  # noqa: E402

D = 16
TINY = {"gpt_layers": 2, "gpt_n_model_channels": D, "gpt_n_heads": 2, "gpt_num_audio_tokens": 1026,
        "gpt_start_audio_token": 1024, "gpt_stop_audio_token": 1025, "gpt_max_text_tokens": 402,
        "gpt_max_audio_tokens": 605, "gpt_code_stride_len": 1024, "input_sample_rate": 22050,
        "output_sample_rate": 24000, "output_hop_length": 256, "d_vector_dim": 16,
        "ttskit_cond_blocks": 1, "ttskit_num_latents": 32, "ttskit_perceiver_dim_head": 8, "ttskit_perceiver_heads": 2,
        "ttskit_perceiver_depth": 1, "ttskit_speaker_layers": [1, 1, 1, 1], "ttskit_speaker_filters": [4, 4, 4, 4],
        "ttskit_hifigan_initial_channel": 16, "ttskit_hifigan_upsample_rates": [8, 8, 2, 2],
        "ttskit_hifigan_upsample_kernels": [16, 16, 4, 4], "ttskit_hifigan_resblock_kernels": [3],
        "ttskit_hifigan_resblock_dilations": [[1, 3, 5]]}


def randomise(module):
    """Matrices keep PyTorch's random init; vectors (biases, norm scales) and batch-norm statistics get noise."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() == 1 or name.endswith("latents"):
                p.copy_(torch.randn_like(p) * 0.1 + (1.0 if name.endswith("gamma") or "norm" in name or "bn" in name else 0.0))
        for name, b in module.named_buffers():
            if name.endswith("running_var"):
                b.copy_(torch.rand_like(b) + 0.5)
            elif name.endswith("running_mean"):
                b.copy_(torch.randn_like(b) * 0.1)


def split_weight_norm(state, prefix, new_style):
    """Replaces conv weights under prefix with weight-norm g/v pairs that fold back to the same weight."""
    out = {}
    for k, v in state.items():
        if k.startswith(prefix) and k.endswith(".weight") and v.dim() == 3:
            base = k[: -len(".weight")]
            g = v.reshape(v.shape[0], -1).norm(dim=1).reshape([-1, 1, 1])
            if new_style:
                out[base + ".parametrizations.weight.original0"] = g
                out[base + ".parametrizations.weight.original1"] = v.clone()
            else:
                out[base + ".weight_g"] = g
                out[base + ".weight_v"] = v.clone()
        else:
            out[k] = v
    return out


def main(keep=None):
    torch.manual_seed(99)
    m = ex.model_args({"model_args": TINY})
    vocab = build_vocab()
    num_text = max(vocab["model"]["vocab"].values()) + 1
    gpt = ex.XttsGpt(D, 2, 2, num_text, 1026, 404, 608)
    cond = ex.ConditioningGraph(80, D, m["cond_blocks"], 2, 32, m["perceiver_dim_head"], m["perceiver_heads"], 4,
                                m["perceiver_depth"])
    spk = ex.SpeakerGraph(64, 16, m["spk_layers"], m["spk_filters"])
    dec = ex.HifiganGraph(D, 16, m["hifi_initial"], m["hifi_rates"], m["hifi_kernels"], m["res_kernels"], m["res_dilations"])
    for mod in (gpt, cond, spk, dec):
        randomise(mod)
        mod.eval()
    with torch.no_grad():
        gpt.mel_head.weight.mul_(20.0)
        cond.mel_stats.copy_(torch.rand(80) * 2 + 0.5)

    state = {}
    state.update({"gpt." + k: v for k, v in gpt.state_dict().items()})
    for k, v in cond.state_dict().items():
        state[("" if k == "mel_stats" else "gpt.") + k] = v
    state.update({"hifigan_decoder.speaker_encoder." + k: v for k, v in spk.state_dict().items()})
    state["hifigan_decoder.speaker_encoder.torch_spec.0.filter"] = torch.tensor([[[-0.97, 1.0]]])
    state["hifigan_decoder.speaker_encoder.torch_spec.1.spectrogram.window"] = torch.hamming_window(400)
    state["hifigan_decoder.speaker_encoder.torch_spec.1.mel_scale.fb"] = torch.rand(257, 64)
    dec_state = {"hifigan_decoder.waveform_decoder." + k: v for k, v in dec.state_dict().items()}
    dec_state = split_weight_norm(dec_state, "hifigan_decoder.waveform_decoder.ups.", new_style=False)
    dec_state = split_weight_norm(dec_state, "hifigan_decoder.waveform_decoder.resblocks.", new_style=True)
    state.update(dec_state)
    for i in range(2):  # HF GPT-2 buffers and parts of XTTS the contract does not use
        state["gpt.gpt.h.%d.attn.bias" % i] = torch.tril(torch.ones(1, 1, 8, 8))
        state["gpt.gpt.h.%d.attn.masked_bias" % i] = torch.tensor(-1e4)
    state["gpt.text_head.weight"] = torch.randn(num_text, D)
    state["dvae.encoder.0.weight"] = torch.randn(4, 4)
    assert any(".weight_g" in k for k in state) and any("original0" in k for k in state)

    with tempfile.TemporaryDirectory() as tmp:
        ckpt = os.path.join(tmp, "model.pth")
        torch.save({"model": state, "config": {}}, ckpt)
        config = os.path.join(tmp, "config.json")
        with open(config, "w") as f:
            json.dump({"model_args": TINY, "languages": ["en", "es", "fr", "de", "ru"], "temperature": 0.75,
                       "repetition_penalty": 5.0, "gpt_cond_len": 30, "gpt_cond_chunk_len": 4, "max_ref_len": 30}, f)
        vocab_path = os.path.join(tmp, "vocab.json")
        with open(vocab_path, "w", encoding="utf-8") as f:
            json.dump(vocab, f, ensure_ascii=False)
        speakers = os.path.join(tmp, "speakers_xtts.pth")
        torch.save({"Tiny Carol": {"gpt_cond_latent": torch.randn(1, 32, D), "speaker_embedding": torch.randn(1, 16, 1)}},
                   speakers)

        # 1. Strict loading reproduces the original modules.
        g2, c2, s2, d2 = ex.load_modules(torch.load(ckpt, map_location="cpu"), m)
        with torch.no_grad():
            mel = torch.randn(1, 80, 37) - 3
            assert torch.allclose(cond(mel), c2(mel), atol=1e-6), "conditioning encoder differs"
            smel = torch.rand(1, 64, 45) + 0.01
            assert torch.allclose(spk(smel), s2(smel), atol=1e-6), "speaker encoder differs"
            frames = torch.randn(1, D, 9)
            e = F.normalize(torch.randn(1, 16, 1), dim=1)
            diff = (dec(frames, e) - d2(frames, e)).abs().max()
            assert diff < 1e-5, "decoder differs by %g" % diff
            cache = StaticCache(2, 2, D // 2, 40)
            cond_latents = torch.randn(1, 32, D)
            args = (cond_latents, torch.tensor([[8, 3, 20, 0]]), torch.tensor([[1024]]), torch.tensor([[0]]), *cache.inputs())
            a, b = gpt(*args), g2(*args)
            assert all(torch.allclose(x, y, atol=1e-5) for x, y in zip(a, b)), "gpt differs"

            # The static cache: the conditioning prefix in one call, written into the cache, then the text
            # and start token over it, gives the one-call logits; so does a decode step over the cache.
            no_cond, no_ids = torch.zeros(1, 0, D), torch.zeros(1, 0, dtype=torch.long)
            prefix = g2(cond_latents, no_ids, no_ids, no_ids, *cache.inputs())
            cache.append(prefix[2:])
            rest = g2(no_cond, torch.tensor([[8, 3, 20, 0]]), torch.tensor([[1024]]), torch.tensor([[0]]), *cache.inputs())
            assert torch.allclose(rest[0], a[0], atol=1e-4), "prefix-cached logits differ by %g" % (rest[0] - a[0]).abs().max()
            cache.append(rest[2:])
            step = g2(no_cond, no_ids, torch.tensor([[17]]), torch.tensor([[1]]), *cache.inputs())
            whole = g2(cond_latents, torch.tensor([[8, 3, 20, 0]]), torch.tensor([[1024, 17]]), torch.tensor([[0, 1]]),
                       *StaticCache(2, 2, D // 2, 3).inputs())
            assert torch.allclose(step[0], whole[0], atol=1e-4), "cached step differs by %g" % (step[0] - whole[0]).abs().max()
            assert torch.allclose(step[1], whole[1], atol=1e-5), "cached step latent differs"

        # 2. A checkpoint with a wrong key is refused.
        broken = dict(state)
        broken["gpt.gpt.h.0.ln_1.weight_renamed"] = broken.pop("gpt.gpt.h.0.ln_1.weight")
        try:
            ex.load_modules(broken, m)
            raise AssertionError("a renamed key was accepted")
        except SystemExit as err:
            assert "ln_1" in str(err), err

        # 3. The exported directory honours the contract.
        out = keep or os.path.join(tmp, "out")
        ex.main(["--checkpoint", ckpt, "--config", config, "--vocab", vocab_path, "--speakers", speakers, "--out", out])
        expected = {"xtts.json", "vocab.json", "conditioning_encoder.onnx", "speaker_encoder.onnx", "gpt.onnx",
                    "hifigan_decoder.onnx", "speakers.json", "speakers.bin"}
        assert expected <= set(os.listdir(out)), os.listdir(out)
        g = onnx.load(os.path.join(out, "gpt.onnx"))
        meta = {p.key: p.value for p in g.metadata_props}
        assert meta["graph"] == "gpt" and meta["n_layer"] == "2" and meta["start_text_token"] == "8", meta
        assert [i.name for i in g.graph.input][:4] == ["cond_latents", "text_ids", "audio_ids", "audio_pos"]
        assert meta["kv_cache"] == "static", meta
        assert [i.name for i in g.graph.input][4:7] == ["past_len", "cache_key.0", "cache_value.0"]
        assert "new_value.1" in [o.name for o in g.graph.output]
        with open(os.path.join(out, "xtts.json")) as f:
            manifest = json.load(f)
        assert manifest["contract_version"] == 1 and manifest["languages"] == ["en", "es", "fr", "de", "ru"]
        assert os.path.getsize(os.path.join(out, "speakers.bin")) == (32 * D + 16) * 4
    print("export test passed")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
