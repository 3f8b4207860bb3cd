package dev.ttskit.replicate;

/** The provider contract with {@link CompletionStrategy#SYNC}: the create request holds until the output is ready. */
class SyncContractTest extends ReplicateContractTestBase {
    @Override
    ReplicateProvider.Builder configure(ReplicateProvider.Builder builder) {
        return builder.completion(CompletionStrategy.SYNC).syncWaitSeconds(30);
    }

    @Override
    protected void prepareSuccess() {
        routes.on("POST", CREATE, succeeded(nextId()));
    }

    @Override
    protected boolean prepareHang() {
        routes.on("POST", CREATE, stalled());
        return true;
    }
}
