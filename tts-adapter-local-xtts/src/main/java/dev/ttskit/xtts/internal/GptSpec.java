package dev.ttskit.xtts.internal;

/**
 * The GPT graph's dimensions and token ids, from its metadata (spec section 5). Nothing here is
 * hard-coded: the tiny fixtures use other values than the real model.
 */
public record GptSpec(int nLayer, int nHead, int headDim, int dModel, int numAudioTokens, int startAudioToken,
                      int stopAudioToken, int numTextTokens, int startTextToken, int stopTextToken, int maxTextTokens,
                      int maxGenMelTokens, int melPosRows, int condLen, int codeStrideLen) {

    public static GptSpec from(GraphMetadata m) {
        GptSpec s = new GptSpec(m.positive("n_layer"), m.positive("n_head"), m.positive("head_dim"), m.positive("d_model"),
                m.positive("num_audio_tokens"), m.integer("start_audio_token"), m.integer("stop_audio_token"),
                m.positive("num_text_tokens"), m.integer("start_text_token"), m.integer("stop_text_token"),
                m.positive("max_text_tokens"), m.positive("max_gen_mel_tokens"), m.positive("mel_pos_rows"),
                m.positive("cond_len"), m.positive("code_stride_len"));
        if (s.nHead * s.headDim != s.dModel) {
            throw m.error("n_head " + s.nHead + " x head_dim " + s.headDim + " does not equal d_model " + s.dModel);
        }
        for (int id : new int[] {s.startAudioToken, s.stopAudioToken}) {
            if (id < 0 || id >= s.numAudioTokens) throw m.error("audio token " + id + " is outside num_audio_tokens " + s.numAudioTokens);
        }
        if (s.maxGenMelTokens >= s.melPosRows) {
            throw m.error("max_gen_mel_tokens " + s.maxGenMelTokens + " does not fit mel_pos_rows " + s.melPosRows);
        }
        String kv = m.string("kv_dtype");
        if (!kv.equals("float32")) throw m.error("kv_dtype '" + kv + "' is not supported (float32 only)");
        String cache = m.string("kv_cache");
        if (!cache.equals("static")) throw m.error("kv_cache '" + cache + "' is not supported (static only)");
        return s;
    }
}
