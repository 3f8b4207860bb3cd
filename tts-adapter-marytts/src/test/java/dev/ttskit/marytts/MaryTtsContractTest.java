package dev.ttskit.marytts;

import dev.ttskit.marytts.internal.MaryEngine;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.TtsProviderContractTest;
import org.junit.jupiter.api.AfterEach;

import java.util.concurrent.CountDownLatch;

/**
 * The provider contract with the real engine for successes; failures and hangs are scripted in front of
 * it, since MaryTTS cannot be made to fail or hang on purpose.
 */
class MaryTtsContractTest extends TtsProviderContractTest {
    private enum Next { SPEAK, FAIL, HANG }

    private volatile Next next = Next.SPEAK;
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected TtsProvider createProvider() {
        return MaryTtsProvider.builder().synthesizer((voice, text, abandoned) -> {
            switch (next) {
                case FAIL:
                    throw new IllegalStateException("scripted engine failure");
                case HANG:
                    release.await();
                    throw new IllegalStateException("released");
                default:
                    return MaryEngine.instance().synthesize(voice, text, abandoned);
            }
        }).build();
    }

    @Override
    protected void prepareSuccess() {
        next = Next.SPEAK;
    }

    @Override
    protected boolean prepareFailure() {
        next = Next.FAIL;
        return true;
    }

    @Override
    protected boolean prepareHang() {
        next = Next.HANG;
        return true;
    }

    @AfterEach
    void releaseHungCalls() {
        release.countDown();
    }
}
