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
                 "code_stride_len": code_stride_len, "kv_dtype": "float32", "kv_cache": "static"})
    return meta


def gpt_io(n_layer, n_head, head_dim):
    """The GPT graph's input and output names, dynamic axes, and an example cache (capacity 7, 3 positions filled).

    The KV cache is static (contract section 6.3): the caller owns one buffer per layer and kind with room
    for a whole generation, passes it with ``past_len`` (how many positions are filled), and writes the
    graph's ``new_key``/``new_value`` outputs into it at ``past_len``. Keys are kept transposed
    ([1, n_head, head_dim, cache_len]) so attention multiplies by them without rebuilding a transposed copy.
    """
    in_names = ["cond_latents", "text_ids", "audio_ids", "audio_pos", "past_len"]
    out_names = ["logits", "latent"]
    axes = {"cond_latents": {1: "cond_len"}, "text_ids": {1: "text_len"}, "audio_ids": {1: "audio_len"},
            "audio_pos": {1: "audio_len"}}
    example = [torch.tensor([3])]
    rng = torch.Generator().manual_seed(17)  # its own generator: the example does not shift the caller's random weights
    for i in range(n_layer):
        in_names += ["cache_key.%d" % i, "cache_value.%d" % i]
        out_names += ["new_key.%d" % i, "new_value.%d" % i]
        axes["cache_key.%d" % i] = {3: "cache_len"}
        axes["cache_value.%d" % i] = {2: "cache_len"}
        axes["new_key.%d" % i] = {3: "new_len"}
        axes["new_value.%d" % i] = {2: "new_len"}
        example += [torch.randn(1, n_head, head_dim, 7, generator=rng), torch.randn(1, n_head, 7, head_dim, generator=rng)]
    return in_names, out_names, axes, example


def cached_attention(q, k, v, past_len, cache_k, cache_v):
    """Causal attention of S new positions over a static KV cache (contract section 6.3).

    q, k, v: [1, H, S, hd] for the new positions; cache_k [1, H, hd, C] (keys transposed), cache_v
    [1, H, C, hd], of which the first past_len positions are filled. New query i sees every filled cache
    position and new keys 0..i. Returns the attention output [1, H, S, hd] and the new keys transposed
    [1, H, hd, S]. The cache is only read: nothing proportional to its length is copied, and its
    transposed keys are used as they are.
    """
    s = q.shape[2]
    c = cache_k.shape[3]
    root = math.sqrt(q.shape[3])
    k_t = k.transpose(2, 3)
    neg = torch.tensor(torch.finfo(q.dtype).min)
    old = torch.where(torch.arange(c) < past_len, (q @ cache_k) / root, neg)           # [1, H, S, C]
    causal = torch.arange(s).unsqueeze(0) <= torch.arange(s).unsqueeze(1)
    new = torch.where(causal, (q @ k_t) / root, neg)                                    # [1, H, S, S]
    att = torch.softmax(torch.cat([old, new], dim=3), dim=3)
    return att[:, :, :, :c] @ cache_v + att[:, :, :, c:] @ v, k_t


class StaticCache:
    """A caller-side static KV cache in the contract's layout, for reference decoding in PyTorch."""

    def __init__(self, n_layer, n_head, head_dim, capacity):
        self.keys = [torch.zeros(1, n_head, head_dim, capacity) for _ in range(n_layer)]
        self.values = [torch.zeros(1, n_head, capacity, head_dim) for _ in range(n_layer)]
        self.length = 0

    def inputs(self):
        """past_len and the cache tensors, in the graph's input order."""
        out = [torch.tensor([self.length])]
        for k, v in zip(self.keys, self.values):
            out += [k, v]
        return out

    def append(self, new_kv):
        """Writes a call's new_key/new_value outputs (interleaved per layer) at past_len."""
        s = new_kv[0].shape[3]
        end = self.length + s
        if end > self.keys[0].shape[3]:
            raise ValueError("cache capacity %d is too small for %d positions" % (self.keys[0].shape[3], end))
        for i in range(len(self.keys)):
            self.keys[i][:, :, :, self.length:end] = new_kv[2 * i]
            self.values[i][:, :, self.length:end, :] = new_kv[2 * i + 1]
        self.length = end


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
