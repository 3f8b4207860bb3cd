/**
 * Many application instances acting as one, on PostgreSQL: webhook completions (a table and
 * LISTEN/NOTIFY), the result cache's far tier and account limits (leases and Bucket4j buckets).
 * Only {@code dev.ttskit.cluster} is exported.
 */
module dev.ttskit.cluster {
    requires transitive dev.ttskit.core;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.postgresql.jdbc;
    // The driver's API carries Checker Framework qualifiers; readable here so the nullness checks can
    // read those annotations (nothing of it is used at run time).
    requires static org.checkerframework.checker.qual;
    requires com.zaxxer.hikari;
    requires io.github.bucket4j.core;
    // The standalone webhook receiver only; the shared state works without the Replicate adapter.
    requires static dev.ttskit.replicate;

    exports dev.ttskit.cluster;

    provides dev.ttskit.spi.SharedStateFactory with dev.ttskit.cluster.ClusterStateFactory;
}
