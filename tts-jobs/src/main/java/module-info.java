/**
 * ttskit durable speech jobs: long and batch synthesis planned into chunks in a database, claimed by
 * workers on any instance through db-scheduler, each chunk's audio stored before it counts as done,
 * so that a crash, a deploy or a provider outage costs neither the work done nor a second payment.
 */
module dev.ttskit.jobs {
    requires transitive dev.ttskit.core;
    requires transitive java.sql;
    requires com.github.kagkarlsson.scheduler;
    requires flyway.core;
    requires com.zaxxer.hikari;
    requires org.slf4j;

    exports dev.ttskit.jobs;
}
