package dev.ttskit.testkit;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.spi.TtsProvider;

import java.time.Duration;

/** The contract test run against the mock itself, so the contract's own checks are exercised. */
class MockProviderContractTest extends TtsProviderContractTest {
    private MockTtsProvider provider;

    @Override
    protected TtsProvider createProvider() {
        provider = MockTtsProvider.builder("mock").build();
        return provider;
    }

    @Override
    protected void prepareSuccess() {
        provider.enqueue(MockOutcome.audio(Duration.ofMillis(200)));
    }

    @Override
    protected boolean prepareFailure() {
        provider.enqueue(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("mock").build()));
        return true;
    }

    @Override
    protected boolean prepareHang() {
        provider.enqueue(MockOutcome.hang());
        return true;
    }
}
