#include "rdkafka_reference.h"

#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int set_all(rd_kafka_conf_t *conf, const char *const *pairs) {
    char errstr[512];
    for (; pairs[0] != NULL; pairs += 2) {
        if (rd_kafka_conf_set(conf, pairs[0], pairs[1], errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            fprintf(stderr, "reference: %s\n", errstr);
            return -1;
        }
    }
    return 0;
}

static void count_delivery(rd_kafka_t *rk, const rd_kafka_message_t *message, void *opaque) {
    (void)rk;
    size_t *delivered = opaque;
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        *delivered += 1;
    }
}

struct producer_run {
    const char *bootstrap;
    const char *topic;
    const unsigned char *values;
    size_t size;
    size_t count;
    const char *const *keys;
    size_t key_count;
    double started;
    int failed;
};

static void *produce_all(void *argument) {
    struct producer_run *run = argument;
    size_t delivered = 0;
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const char *settings[] = {"bootstrap.servers", run->bootstrap, "enable.idempotence", "true", "acks", "all",
                              "compression.codec", "lz4", "linger.ms", "5", "queue.buffering.max.messages",
                              "500000", "batch.size", "1048576", "log_level", "3", NULL};
    if (set_all(conf, settings) != 0) {
        rd_kafka_conf_destroy(conf);
        run->failed = 1;
        return NULL;
    }
    rd_kafka_conf_set_opaque(conf, &delivered);
    rd_kafka_conf_set_dr_msg_cb(conf, count_delivery);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (rk == NULL) {
        fprintf(stderr, "reference: %s\n", errstr);
        run->failed = 1;
        return NULL;
    }
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, run->topic, NULL);
    run->started = now_seconds();
    for (size_t i = 0; i < run->count; i++) {
        const char *key = run->keys[i % run->key_count];
        for (;;) {
            rd_kafka_resp_err_t err = rd_kafka_producev(
                rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_KEY(key, strlen(key)), RD_KAFKA_V_VALUE((void *)(run->values + i * run->size), run->size),
                RD_KAFKA_V_OPAQUE((void *)(i + 1)), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                break;
            }
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                fprintf(stderr, "reference: produce failed: %s\n", rd_kafka_err2str(err));
                run->failed = 1;
                break;
            }
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
    }
    while (delivered < run->count && !run->failed) {
        rd_kafka_poll(rk, 100);
    }
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return NULL;
}

double reference_produce(const char *bootstrap, const char *topic, const unsigned char *values, size_t size,
                         size_t count, const char *const *keys, size_t key_count) {
    struct producer_run run = {bootstrap, topic, values, size, count, keys, key_count, 0, 0};
    produce_all(&run);
    double finished = now_seconds();
    return run.failed ? -1 : (double)count / (finished - run.started);
}

double reference_produce_consume(const char *bootstrap, const char *topic, int partitions,
                                 const unsigned char *values, size_t size, size_t count, const char *const *keys,
                                 size_t key_count) {
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const char *settings[] = {"bootstrap.servers", bootstrap, "group.id", topic, "enable.auto.commit", "false",
                              "auto.offset.reset", "earliest", "queued.min.messages", "1000000",
                              "queued.max.messages.kbytes", "1048576", "fetch.wait.max.ms", "100", "log_level",
                              "3", NULL};
    if (set_all(conf, settings) != 0) {
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    char errstr[512];
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (consumer == NULL) {
        fprintf(stderr, "reference: %s\n", errstr);
        return -1;
    }
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t *subscription = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(subscription, topic, RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(consumer, subscription);
    rd_kafka_topic_partition_list_destroy(subscription);
    for (;;) {
        rd_kafka_message_t *message = rd_kafka_consumer_poll(consumer, 100);
        if (message != NULL) {
            rd_kafka_message_destroy(message);
        }
        rd_kafka_topic_partition_list_t *assignment = NULL;
        rd_kafka_assignment(consumer, &assignment);
        int assigned = assignment->cnt;
        rd_kafka_topic_partition_list_destroy(assignment);
        if (assigned >= partitions) {
            break;
        }
    }

    struct producer_run run = {bootstrap, topic, values, size, count, keys, key_count, now_seconds(), 0};
    pthread_t producer;
    pthread_create(&producer, NULL, produce_all, &run);
    rd_kafka_queue_t *queue = rd_kafka_queue_get_consumer(consumer);
    rd_kafka_message_t *batch[10000];
    size_t consumed = 0;
    while (consumed < count) {
        ssize_t got = rd_kafka_consume_batch_queue(queue, 500, batch, 10000);
        for (ssize_t i = 0; i < got; i++) {
            if (batch[i]->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                consumed++;
            }
            rd_kafka_message_destroy(batch[i]);
        }
        if (run.failed) {
            break;
        }
    }
    double finished = now_seconds();
    pthread_join(producer, NULL);
    rd_kafka_queue_destroy(queue);
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return run.failed ? -1 : (double)count / (finished - run.started);
}
