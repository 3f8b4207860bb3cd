package dev.ttskit.xtts.internal;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks the next audio code in the order of HF {@code generate(do_sample=True, num_beams=1)}
 * (spec section 7.7): repetition penalty over the set of seen ids, then greedy argmax, or
 * temperature, top-k, top-p and a categorical draw from a seeded generator.
 */
public final class Sampler {
    private Sampler() {
    }

    /**
     * @param logits the GPT's logits (not modified)
     * @param seen   ids already seen (penalised once each, however often they occurred)
     * @param params sampling settings
     * @param rng    the request's generator (unused when greedy)
     */
    public static int next(float[] logits, boolean[] seen, SamplingParams params, RandomGenerator rng) {
        float[] scores = logits.clone();
        applyRepetitionPenalty(scores, seen, params.repetitionPenalty());
        if (!params.doSample()) return argmax(scores);
        if (params.temperature() != 1.0) {
            float t = (float) params.temperature();
            for (int i = 0; i < scores.length; i++) scores[i] = scores[i] / t;
        }
        if (params.topK() > 0) applyTopK(scores, params.topK());
        if (params.topP() < 1.0) applyTopP(scores, params.topP());
        return draw(scores, rng);
    }

    /** logit &gt; 0 is divided by the penalty, otherwise multiplied, in float32 as torch does. */
    static void applyRepetitionPenalty(float[] scores, boolean[] seen, double penalty) {
        if (penalty == 1.0) return;
        float p = (float) penalty;
        for (int i = 0; i < scores.length && i < seen.length; i++) {
            if (seen[i]) scores[i] = scores[i] < 0 ? scores[i] * p : scores[i] / p;
        }
    }

    /** The index of the largest value; the lowest index on ties. */
    static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    /** Removes every score strictly below the k-th largest; ties with it are kept. */
    static void applyTopK(float[] scores, int k) {
        int kk = Math.min(k, scores.length);
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float kth = sorted[sorted.length - kk];
        for (int i = 0; i < scores.length; i++) if (scores[i] < kth) scores[i] = Float.NEGATIVE_INFINITY;
    }

    /**
     * Sorts ascending, removes positions whose cumulative probability is at most 1 - p, always
     * keeping the largest. Only finite scores take part: a removed (-inf) score has probability 0, so
     * it adds nothing to the cumulative sum and would be removed again; after top-k that leaves about
     * k scores to sort instead of the whole vocabulary, with the same result.
     */
    static void applyTopP(float[] scores, double p) {
        int n = 0;
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < scores.length; i++) if (scores[i] != Float.NEGATIVE_INFINITY) order[n++] = i;
        if (n == 0) return;
        // Stable ascending sort, as torch.sort on CPU.
        Arrays.sort(order, 0, n, (a, b) -> Float.compare(scores[a], scores[b]));
        double max = scores[order[n - 1]];
        double sum = 0;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(scores[order[i]] - max);
            sum += e[i];
        }
        double cumulative = 0;
        double threshold = 1 - p;
        // The largest (last) is always kept.
        for (int i = 0; i < n - 1; i++) {
            cumulative += e[i] / sum;
            if (cumulative <= threshold) scores[order[i]] = Float.NEGATIVE_INFINITY;
        }
    }

    /** Softmax and one categorical draw. */
    static int draw(float[] scores, RandomGenerator rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) max = Math.max(max, s);
        double[] cdf = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            sum += scores[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp(scores[i] - max);
            cdf[i] = sum;
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i] && (i == 0 ? cdf[i] > 0 : cdf[i] > cdf[i - 1])) return i;
        }
        return argmax(scores);
    }
}
