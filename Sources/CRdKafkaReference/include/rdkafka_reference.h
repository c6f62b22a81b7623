#ifndef HARNESS_RDKAFKA_REFERENCE_H
#define HARNESS_RDKAFKA_REFERENCE_H

#include <stddef.h>

/// A plain C librdkafka producer and consumer, the reference the Swift Kafka layer is measured against in the
/// same benchmark run. Messages are `count` values of `size` bytes laid out back to back in `values`, keyed by
/// `keys` (`key_count` NUL-terminated strings, message i uses key i % key_count). Producer settings match the
/// Swift benchmark: idempotent, acks=all, lz4, linger 5 ms, 500,000 queued messages, 1 MiB batches.

/// Produces every message with delivery reports served inline (`rd_kafka_poll(rk, 0)` after each send) and waits
/// for all of them. Returns messages per second from the first send to the last report, or a negative value on
/// error (after printing it).
double reference_produce(const char *bootstrap, const char *topic, const unsigned char *values, size_t size,
                         size_t count, const char *const *keys, size_t key_count);

/// Starts a group consumer on `topic`, waits for `partitions` partitions, then produces on a second thread while
/// consuming on this one until `count` messages arrived. Returns end-to-end messages per second from the first
/// send to the last message consumed, or a negative value on error.
double reference_produce_consume(const char *bootstrap, const char *topic, int partitions,
                                 const unsigned char *values, size_t size, size_t count, const char *const *keys,
                                 size_t key_count);

#endif
