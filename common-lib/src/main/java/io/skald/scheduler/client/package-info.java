/**
 * Callers of the query-scheduler, free of Spring: {@link io.skald.scheduler.client.SchedulerClient} submits a
 * frontend's sub-queries, {@link io.skald.scheduler.client.SchedulerWorker} pulls tasks for a querier.
 */
package io.skald.scheduler.client;
