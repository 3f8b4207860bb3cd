package dev.ttskit.cluster.internal;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket4j's buckets in {@code ttskit_bucket}, kept by compare-and-swap: a check reads the bucket's
 * state (one statement), Bucket4j computes the consumption, and the new state is written only where
 * the row still holds what was read (one statement); when another instance changed it in between,
 * Bucket4j reads again and retries. Two round trips per check, each its own autocommitted statement,
 * against three for Bucket4j's PostgreSQL backends (a transaction: the lock or {@code SELECT ... FOR
 * UPDATE}, the update, the commit), and no row lock held across a round trip. The state is Bucket4j's
 * own serialized form, so the buckets behave exactly as its other backends do.
 */
public final class PgBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {
    private final DataSource ds;

    public PgBuckets(DataSource ds) {
        super(ClientSideConfig.getDefault());
        this.ds = ds;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                try (Connection c = ds.getConnection();
                     PreparedStatement st = c.prepareStatement("SELECT state FROM ttskit_bucket WHERE id = ?")) {
                    st.setString(1, key);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("reading bucket " + key + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean compareAndSwap(byte @Nullable [] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                try (Connection c = ds.getConnection()) {
                    if (originalData == null) {
                        // A new bucket, or a row left without state: whoever writes first wins.
                        try (PreparedStatement st = c.prepareStatement("INSERT INTO ttskit_bucket (id, state) VALUES (?, ?)"
                                + " ON CONFLICT (id) DO UPDATE SET state = excluded.state WHERE ttskit_bucket.state IS NULL")) {
                            st.setString(1, key);
                            st.setBytes(2, newData);
                            return st.executeUpdate() == 1;
                        }
                    }
                    try (PreparedStatement st = c.prepareStatement("UPDATE ttskit_bucket SET state = ? WHERE id = ? AND state = ?")) {
                        st.setBytes(1, newData);
                        st.setString(2, key);
                        st.setBytes(3, originalData);
                        return st.executeUpdate() == 1;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("writing bucket " + key + " failed: " + e.getMessage(), e);
                }
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("JDBC has no asynchronous statements");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("JDBC has no asynchronous statements"));
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM ttskit_bucket WHERE id = ?")) {
            st.setString(1, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("removing bucket " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
