"""What every xtts-onnx v1 graph file has in common (specs/xtts-onnx-v1.md), shared by the fixture
generator (make_tiny_model.py) and the checkpoint exporter (export_xtts.py) so the contract is
written down once: graph metadata, the GPT's inputs, outputs and KV-cache naming, the export itself.
"""
import math

import onnx
import torch


def gelu_new(x):
    """GPT-2's tanh approximation of GELU, as XTTS's GPT uses it."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def common_meta(graph, d_model, comment):
    """Metadata every graph carries."""
    return {"model_type": "xtts", "contract": "xtts-onnx", "contract_version": "1", "graph": graph,
            "d_model": str(d_model), "comment": comment}


def gpt_meta(common, *, n_layer, n_head, head_dim, num_audio_tokens, start_audio_token, stop_audio_token,
             num_text_tokens, start_text_token, stop_text_token, max_text_tokens, max_mel_tokens,
             max_gen_mel_tokens, text_pos_rows, mel_pos_rows, cond_len, code_stride_len):
    """The GPT graph's metadata (contract section 6)."""
    meta = dict(common)
    meta.update({"n_layer": n_layer, "n_head": n_head, "head_dim": head_dim, "num_audio_tokens": num_audio_tokens,
                 "start_audio_token": start_audio_token, "stop_audio_token": stop_audio_token,
                 "num_text_tokens": num_text_tokens, "start_text_token": start_text_token,
                 "stop_text_token": stop_text_token, "max_text_tokens": max_text_tokens,
                 "max_mel_tokens": max_mel_tokens, "max_gen_mel_tokens": max_gen_mel_tokens,
                 "text_pos_rows": text_pos_rows, "mel_pos_rows": mel_pos_rows, "cond_len": cond_len,
                 "code_stride_len": code_stride_len, "kv_dtype": "float32"})
    return meta


def gpt_io(n_layer, n_head, head_dim):
    """The GPT graph's input and output names, dynamic axes, and example past key/values (3 steps)."""
    in_names = ["cond_latents", "text_ids", "audio_ids", "audio_pos"]
    out_names = ["logits", "latent"]
    axes = {"cond_latents": {1: "cond_len"}, "text_ids": {1: "text_len"}, "audio_ids": {1: "audio_len"},
            "audio_pos": {1: "audio_len"}}
    past = []
    for i in range(n_layer):
        for kind in ("key", "value"):
            in_names.append("past_%s.%d" % (kind, i))
            out_names.append("present_%s.%d" % (kind, i))
            axes["past_%s.%d" % (kind, i)] = {2: "past_len"}
            axes["present_%s.%d" % (kind, i)] = {2: "total_len"}
            past.append(torch.randn(1, n_head, 3, head_dim))
    return in_names, out_names, axes, past


def export(module, args, path, inputs, outputs, axes, meta, producer):
    """Exports at opset 17, replaces the metadata with meta, and checks the result."""
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                          opset_version=17, do_constant_folding=True)
    model = onnx.load(path)
    del model.metadata_props[:]
    for k, v in meta.items():
        p = model.metadata_props.add()
        p.key, p.value = k, str(v)
    model.producer_name = producer
    onnx.checker.check_model(model)
    onnx.save(model, path)
