package dev.ttskit.xtts.internal;

/**
 * The sampling settings of one generation (spec section 7.7).
 *
 * @param temperature       &gt; 0; 1 leaves the logits unchanged
 * @param topK              &gt;= 0; 0 disables top-k
 * @param topP              in (0, 1]; 1 disables top-p
 * @param repetitionPenalty &gt; 0; 1 disables the penalty
 * @param doSample          false means greedy (argmax after the repetition penalty)
 */
public record SamplingParams(double temperature, int topK, double topP, double repetitionPenalty, boolean doSample) {
    public SamplingParams {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0, was " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], was " + topP);
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetition_penalty must be > 0, was " + repetitionPenalty);
        }
    }

    public SamplingParams withTemperature(double value) {
        return new SamplingParams(value, topK, topP, repetitionPenalty, doSample);
    }

    public SamplingParams withTopK(int value) {
        return new SamplingParams(temperature, value, topP, repetitionPenalty, doSample);
    }

    public SamplingParams withTopP(double value) {
        return new SamplingParams(temperature, topK, value, repetitionPenalty, doSample);
    }

    public SamplingParams withRepetitionPenalty(double value) {
        return new SamplingParams(temperature, topK, topP, value, doSample);
    }

    public SamplingParams withDoSample(boolean value) {
        return new SamplingParams(temperature, topK, topP, repetitionPenalty, value);
    }
}
