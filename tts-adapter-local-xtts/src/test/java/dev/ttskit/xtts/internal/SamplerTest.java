package dev.ttskit.xtts.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOnce() {
        float[] s = {2f, -2f, 3f, 0f};
        Sampler.applyRepetitionPenalty(s, new boolean[] {true, true, false, true}, 2.0);
        assertArrayEquals(new float[] {1f, -4f, 3f, 0f}, s);
    }

    @Test
    void greedyTakesTheArgmaxAfterThePenaltyLowestIndexOnTies() {
        SamplingParams greedy = new SamplingParams(1, 0, 1, 4.0, false);
        // 8 is penalised to 2, so 5 wins
        assertEquals(2, Sampler.next(new float[] {8f, 1f, 5f}, new boolean[] {true, false, false}, greedy, new SplittableRandom(1)));
        assertEquals(1, Sampler.next(new float[] {1f, 3f, 3f}, new boolean[3], greedy, new SplittableRandom(1)));
    }

    @Test
    void topKKeepsTiesWithTheKthValue() {
        float[] s = {1f, 4f, 3f, 3f, 2f};
        Sampler.applyTopK(s, 2);
        assertArrayEquals(new float[] {NEG, 4f, 3f, 3f, NEG}, s);
        float[] all = {1f, 2f};
        Sampler.applyTopK(all, 10);
        assertArrayEquals(new float[] {1f, 2f}, all);
    }

    @Test
    void topPRemovesTheLowTailButAlwaysKeepsTheLargest() {
        // probabilities ~ [0.032, 0.087, 0.237, 0.644]
        float[] s = {0f, 1f, 2f, 3f};
        Sampler.applyTopP(s, 0.8);
        // ascending cumulative: 0.032, 0.119, 0.356, 1.0; removed where <= 0.2
        assertArrayEquals(new float[] {NEG, NEG, 2f, 3f}, s);
        float[] one = {0f, 10f};
        Sampler.applyTopP(one, 0.01);
        assertArrayEquals(new float[] {NEG, 10f}, one);
    }

    @Test
    void seededDrawsAreReproducibleAndFollowTheDistribution() {
        SamplingParams p = new SamplingParams(1.0, 0, 1.0, 1.0, true);
        float[] logits = {0f, (float) Math.log(3)};
        int ones = 0;
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 4000; i++) {
            int x = Sampler.next(logits, new boolean[2], p, a);
            assertEquals(x, Sampler.next(logits, new boolean[2], p, b));
            ones += x;
        }
        assertTrue(Math.abs(ones / 4000.0 - 0.75) < 0.03, "share of index 1 was " + ones / 4000.0);
    }

    @Test
    void temperatureSharpensAndTopKRestrictsTheDraw() {
        SamplingParams p = new SamplingParams(0.1, 1, 1.0, 1.0, true);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) assertEquals(2, Sampler.next(new float[] {1f, 2f, 2.5f}, new boolean[3], p, rng));
    }

    /** The whole-vocabulary form of top-p (every position sorted, -inf included), as HF writes it. */
    private static void topPOverTheWholeVocabulary(float[] scores, double p) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double max = Double.NEGATIVE_INFINITY;
        for (float v : scores) max = Math.max(max, v);
        double sum = 0;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            float v = scores[order[i]];
            e[i] = v == Float.NEGATIVE_INFINITY ? 0 : Math.exp(v - max);
            sum += e[i];
        }
        double cumulative = 0;
        boolean[] remove = new boolean[n];
        for (int i = 0; i < n; i++) {
            cumulative += e[i] / sum;
            remove[i] = cumulative <= 1 - p;
        }
        remove[n - 1] = false;
        for (int i = 0; i < n; i++) if (remove[i]) scores[order[i]] = Float.NEGATIVE_INFINITY;
    }

    @Test
    void topPOverTheFiniteScoresEqualsTopPOverTheWholeVocabulary() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            float[] scores = new float[1026];
            for (int i = 0; i < scores.length; i++) scores[i] = (float) (random.nextGaussian() * 4);
            if (round % 3 == 0) scores[random.nextInt(1026)] = scores[random.nextInt(1026)]; // a tie
            if (round % 2 == 0) Sampler.applyTopK(scores, 1 + random.nextInt(80));
            double p = 0.05 + 0.9 * random.nextDouble();
            float[] expected = scores.clone();
            topPOverTheWholeVocabulary(expected, p);
            Sampler.applyTopP(scores, p);
            assertArrayEquals(expected, scores, "round " + round + ", p " + p);
        }
    }
}
