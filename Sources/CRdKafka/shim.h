#ifndef HARNESS_CRDKAFKA_SHIM_H
#define HARNESS_CRDKAFKA_SHIM_H

// The order matters: rdkafka_mock.h needs the types from rdkafka.h.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/// `rd_kafka_producev` is variadic and does not import into Swift. This wrapper produces one keyed message
/// with optional headers, copying key and value (RD_KAFKA_MSG_F_COPY). On success librdkafka owns `headers`;
/// on failure the caller still owns them and must destroy them.
static inline rd_kafka_resp_err_t harness_produce(rd_kafka_t *rk, rd_kafka_topic_t *rkt, int32_t partition,
                                                  const void *key, size_t key_len, const void *value,
                                                  size_t value_len, rd_kafka_headers_t *headers,
                                                  void *msg_opaque) {
    if (headers == NULL) {
        return rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key_len),
                                 RD_KAFKA_V_VALUE((void *)value, value_len), RD_KAFKA_V_OPAQUE(msg_opaque),
                                 RD_KAFKA_V_END);
    }
    return rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_VALUE((void *)value, value_len), RD_KAFKA_V_HEADERS(headers),
                             RD_KAFKA_V_OPAQUE(msg_opaque), RD_KAFKA_V_END);
}

/// `RD_KAFKA_PARTITION_UA` is a macro with a cast; Swift cannot import it.
static inline int32_t harness_partition_unassigned(void) { return RD_KAFKA_PARTITION_UA; }

#endif
